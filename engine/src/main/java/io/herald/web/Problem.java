package io.herald.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.account.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP error for the client, answered as {@code application/problem+json} (RFC 9457) with the
 * status and a one-line detail. Thrown from handlers; never carries a stack trace to the user.
 */
public final class Problem extends RuntimeException {
  static final String MEDIA_TYPE = "application/problem+json";

  private final int status;
  private final String title;
  private final long retryAfterSeconds;

  public Problem(int status, String title, String detail) {
    this(status, title, detail, 0);
  }

  private Problem(int status, String title, String detail, long retryAfterSeconds) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static Problem badRequest(String detail) {
    return new Problem(400, "Bad request", detail);
  }

  public static Problem unauthorized() {
    return new Problem(401, "Unauthorized", "a valid bearer token is required");
  }

  public static Problem forbidden(String detail) {
    return new Problem(403, "Forbidden", detail);
  }

  /** A 429, answered with {@code Retry-After: seconds}. */
  public static Problem tooManyRequests(String detail, long seconds) {
    return new Problem(429, "Too many requests", detail, Math.max(1, seconds));
  }

  public static Problem notFound(String detail) {
    return new Problem(404, "Not found", detail);
  }

  /** The answer to a refused account change: 400, 409 or 404 by its kind. */
  public static Problem of(Refusal refusal) {
    return switch (refusal.kind()) {
      case INVALID -> badRequest(refusal.getMessage());
      case CONFLICT -> conflict(refusal.getMessage());
      case NOT_FOUND -> notFound(refusal.getMessage());
      case UNPROCESSABLE -> unprocessable(refusal.getMessage());
    };
  }

  /** A well-formed request that cannot be done as it stands (422). */
  public static Problem unprocessable(String detail) {
    return new Problem(422, "Unprocessable request", detail);
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

  /** Seconds for a {@code Retry-After} header; 0 for none. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** The RFC 9457 document of this problem, as UTF-8 JSON. */
  byte[] body(ObjectMapper mapper) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", title);
    body.put("status", status);
    body.put("detail", getMessage());
    try {
      return mapper.writeValueAsBytes(body);
    } catch (JsonProcessingException e) { // a map of strings and an int always serialises
      return getMessage().getBytes(StandardCharsets.UTF_8);
    }
  }
}
