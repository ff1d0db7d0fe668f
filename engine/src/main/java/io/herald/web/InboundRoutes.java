package io.herald.web;

import io.herald.feedback.InboundFeedback;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Mail for Herald's bounce and feedback-loop addresses handed over by an MTA over HTTP (a Postfix
 * {@code pipe} to curl, say): {@code POST /api/admin/inbound} with the raw message as the body
 * ({@code message/rfc822}) and the envelope recipient as {@code ?rcpt=}. The administrator's token
 * is required: only the operator's own mail system may hand mail in. A mail that is not provably
 * about one of our messages is answered 200 with {@code unrecognised}, so the MTA does not retry
 * it, and changes nothing.
 */
final class InboundRoutes {
  private final Auth auth;
  private final InboundFeedback inbound;

  InboundRoutes(Auth auth, InboundFeedback inbound) {
    this.auth = auth;
    this.inbound = inbound;
  }

  void register(Javalin app) {
    app.post("/api/admin/inbound", this::receive);
  }

  private void receive(Context ctx) {
    auth.admin(ctx);
    Optional<String> rcpt =
        Optional.ofNullable(ctx.queryParam("rcpt")).map(String::strip).filter(r -> !r.isEmpty());
    InboundFeedback.Received received = inbound.receive(ctx.bodyInputStream(), rcpt);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("outcome", received.outcome());
    received.campaignId().ifPresent(id -> body.put("campaign", id));
    body.put("counted", received.counted());
    body.put("detail", received.detail());
    ctx.json(body);
  }
}
