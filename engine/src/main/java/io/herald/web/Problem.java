package io.herald.web;

/**
 * An HTTP error for the client, answered as {@code application/problem+json} (RFC 9457) with the
 * status and a one-line detail. Thrown from handlers; never carries a stack trace to the user.
 */
public final class Problem extends RuntimeException {
  private final int status;
  private final String title;

  public Problem(int status, String title, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
  }

  public static Problem badRequest(String detail) {
    return new Problem(400, "Bad request", detail);
  }

  public static Problem unauthorized() {
    return new Problem(401, "Unauthorized", "a valid bearer token is required");
  }

  public static Problem notFound(String detail) {
    return new Problem(404, "Not found", detail);
  }

  public static Problem conflict(String detail) {
    return new Problem(409, "Conflict", detail);
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }
}
