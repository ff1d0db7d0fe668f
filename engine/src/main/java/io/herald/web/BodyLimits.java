package io.herald.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.jetty.server.HttpInput;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Bounds every request body as it streams, chunked or not: Jetty's input passes each piece through
 * a counter, and the read that goes past the limit fails with {@link TooLarge}, which the server
 * answers 413. A {@code Content-Length} is only a promise, so counting what arrives is the only
 * bound that holds; the request's own reader (Javalin's body, a form, a multipart parser, an upload
 * spooled to disk) never sees more than the limit. A route that streams to disk may raise the limit
 * for its request with {@link #allow}.
 */
final class BodyLimits extends HandlerWrapper {
  private static final String ATTRIBUTE = BodyLimits.class.getName();

  private final long defaultLimit;

  BodyLimits(long defaultLimit) {
    this.defaultLimit = defaultLimit;
  }

  /** The failure of a read past the limit. */
  static final class TooLarge extends IOException {
    private final long limit;

    TooLarge(long limit) {
      super("the request body is larger than " + limit + " bytes", null);
      this.limit = limit;
    }

    long limit() {
      return limit;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this; // an answer to the client, not a fault: no trace to build
    }
  }

  /** The problem to answer for a failed read of a body, if {@code e} is one. */
  static Optional<Problem> problem(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof TooLarge) {
        return Optional.of(new Problem(413, "Content too large", cause.getMessage()));
      }
    }
    return Optional.empty();
  }

  /** Lets this request's body grow to {@code maxBytes} (a route that spools it to disk). */
  static void allow(HttpServletRequest request, long maxBytes) {
    if (request.getAttribute(ATTRIBUTE) instanceof Counter counter) {
      counter.limit = maxBytes;
    }
  }

  @Override
  public void handle(
      String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    Counter counter = new Counter(defaultLimit);
    request.setAttribute(ATTRIBUTE, counter);
    baseRequest.getHttpInput().addInterceptor(counter);
    super.handle(target, baseRequest, request, response);
  }

  /** Counts the bytes of one request's body; Jetty calls it from the reading thread only. */
  private static final class Counter implements HttpInput.Interceptor {
    private volatile long limit;
    private long seen;

    Counter(long limit) {
      this.limit = limit;
    }

    @Override
    public HttpInput.Content readFrom(HttpInput.Content content) {
      if (content == null || content.isSpecial()) {
        return content;
      }
      seen += content.remaining();
      if (seen <= limit) {
        return content;
      }
      // What is past the limit is dropped, not kept: the reader gets the failure instead.
      content.skip(content.remaining());
      return new HttpInput.ErrorContent(new TooLarge(limit));
    }
  }
}
