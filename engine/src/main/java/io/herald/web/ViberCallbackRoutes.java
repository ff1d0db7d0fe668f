package io.herald.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.channel.viber.ViberCallbacks;
import io.herald.channel.viber.ViberCallbacks.CallbackRefused;
import io.herald.channel.viber.ViberInbound;
import io.herald.channel.viber.ViberReport;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /viber/reports}: where the Viber provider sends its status callbacks. The request is
 * read by {@link ViberCallbacks} (which checks the provider's signature first) and each report goes
 * to {@link ViberInbound}. Answers: 204 once every report is applied; 401 problem+json for an
 * unsigned, wrongly signed, altered or stale callback; 400 for a signed body that is not the
 * provider's JSON. A failure to apply a report is a 500, so the provider sends it again.
 */
public final class ViberCallbackRoutes {
  /** The path given to the provider as the status URL (under the server's public base URL). */
  public static final String PATH = "/viber/reports";

  private static final Logger log = LoggerFactory.getLogger(ViberCallbackRoutes.class);

  private final ViberCallbacks callbacks;
  private final ViberInbound inbound;
  private final ObjectMapper mapper;

  public ViberCallbackRoutes(ViberCallbacks callbacks, ViberInbound inbound, ObjectMapper mapper) {
    this.callbacks = callbacks;
    this.inbound = inbound;
    this.mapper = mapper;
  }

  public void register(Javalin app) {
    app.post(PATH, this::report);
  }

  private void report(Context ctx) {
    Map<String, String> headers = new HashMap<>();
    ctx.headerMap().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
    try {
      for (ViberReport report : callbacks.read(headers, ctx.bodyAsBytes())) {
        inbound.report(report);
      }
      ctx.status(204);
    } catch (CallbackRefused e) {
      log.warn("Viber callback from {} refused: {}", ctx.ip(), e.getMessage());
      Problem problem =
          e.malformed()
              ? Problem.badRequest(e.getMessage())
              : new Problem(401, "Unauthorized", e.getMessage());
      ctx.status(problem.status()).contentType(Problem.MEDIA_TYPE).result(problem.body(mapper));
    }
  }
}
