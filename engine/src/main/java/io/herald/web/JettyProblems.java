package io.herald.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * The errors Jetty answers itself, before any route runs (a request line or headers too large, a
 * malformed request or URI, a body past the limit): {@code application/problem+json} like every
 * other error, instead of Jetty's HTML page. Jetty's reason is kept as the detail (it names what
 * was wrong, never a trace).
 */
final class JettyProblems extends ErrorHandler {
  private static final int MAX_DETAIL = 200;

  private final ObjectMapper mapper;

  JettyProblems(ObjectMapper mapper) {
    this.mapper = mapper;
    setShowStacks(false);
    setShowServlet(false);
  }

  /** Errors found while parsing, before a request exists (414, 431, 400). */
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
    return ByteBuffer.wrap(new Problem(status, title(status), detail(status, reason)).body(mapper));
  }

  /** Every method gets a body, not only GET, POST and HEAD. */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  /** Errors of a request that reached the server but no route (a bad URI, a failed read). */
  @Override
  protected void generateAcceptableResponse(
      Request baseRequest,
      HttpServletRequest request,
      HttpServletResponse response,
      int status,
      String message)
      throws IOException {
    baseRequest.setHandled(true);
    response.setContentType(Problem.MEDIA_TYPE);
    response
        .getOutputStream()
        .write(new Problem(status, title(status), detail(status, message)).body(mapper));
  }

  private static String title(int status) {
    String title = HttpStatus.getMessage(status);
    return title == null ? "Error" : title;
  }

  private static String detail(int status, String reason) {
    if (reason == null || reason.isBlank()) {
      return title(status).toLowerCase(java.util.Locale.ROOT);
    }
    String line = reason.lines().findFirst().orElse("").strip();
    return line.length() > MAX_DETAIL ? line.substring(0, MAX_DETAIL) + "…" : line;
  }
}
