package io.herald.web;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.herald.account.Account;
import io.herald.webhook.Attempt;
import io.herald.webhook.Endpoint;
import io.herald.webhook.EventType;
import io.herald.webhook.WebhookRefused;
import io.herald.webhook.WebhookStore;
import io.herald.webhook.Webhooks;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Event webhooks of an account: register an endpoint (its signing secret is shown once, in the
 * answer), list, read and delete endpoints, read an endpoint's delivery log (newest first), and
 * send it a {@code ping}. Another account's endpoint is simply not found.
 */
final class WebhookRoutes {
  private static final long MAX_BODY_BYTES = 16_384;
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 1000;

  private final Auth auth;
  private final Webhooks webhooks;

  WebhookRoutes(Auth auth, Webhooks webhooks) {
    this.auth = auth;
    this.webhooks = webhooks;
  }

  /** Request body of a registration; {@code events} left out means every type. */
  record Register(
      String url,
      @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> events) {}

  void register(Javalin app) {
    app.post("/api/webhooks", this::create);
    app.get("/api/webhooks", this::list);
    app.get("/api/webhooks/{id}", this::get);
    app.delete("/api/webhooks/{id}", this::delete);
    app.get("/api/webhooks/{id}/deliveries", this::deliveries);
    app.post("/api/webhooks/{id}/ping", this::ping);
  }

  private void create(Context ctx) {
    Account account = auth.account(ctx);
    if (ctx.contentLength() > MAX_BODY_BYTES) {
      throw Problem.badRequest("the request body is larger than " + MAX_BODY_BYTES + " bytes");
    }
    Register body = JsonBodies.read(ctx, Register.class);
    Webhooks.Registered registered;
    try {
      registered = webhooks.register(account.id(), body.url(), Optional.ofNullable(body.events()));
    } catch (WebhookRefused e) {
      throw Problem.badRequest(e.getMessage());
    }
    Map<String, Object> view = view(registered.endpoint());
    Object createdAt = view.remove("createdAt");
    view.put("secret", registered.secret());
    view.put("createdAt", createdAt);
    ctx.status(201).json(view);
  }

  private void list(Context ctx) {
    Account account = auth.account(ctx);
    Webhooks.Page page =
        webhooks
            .list(account.id(), cursor(ctx), limit(ctx))
            .orElseThrow(() -> Problem.badRequest("unknown or expired cursor"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("webhooks", page.endpoints().stream().map(WebhookRoutes::view).toList());
    body.put("next", page.next().orElse(null));
    ctx.json(body);
  }

  private void get(Context ctx) {
    ctx.json(view(endpoint(ctx)));
  }

  private void delete(Context ctx) {
    Account account = auth.account(ctx);
    if (!webhooks.delete(account.id(), ctx.pathParam("id"))) {
      throw Problem.notFound("no such webhook");
    }
    ctx.status(204);
  }

  private void deliveries(Context ctx) {
    Endpoint endpoint = endpoint(ctx);
    WebhookStore.LogPage page =
        webhooks
            .deliveries(endpoint.account(), endpoint.id(), cursor(ctx), limit(ctx))
            .orElseThrow(() -> Problem.badRequest("unknown or expired cursor"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("deliveries", page.attempts().stream().map(WebhookRoutes::attempt).toList());
    body.put("next", page.next().orElse(null));
    ctx.json(body);
  }

  private void ping(Context ctx) {
    Endpoint endpoint = endpoint(ctx);
    String eventId =
        webhooks
            .ping(endpoint.account(), endpoint.id())
            .orElseThrow(() -> Problem.notFound("no such webhook"));
    ctx.status(202).json(Map.of("eventId", eventId));
  }

  private Endpoint endpoint(Context ctx) {
    Account account = auth.account(ctx);
    return webhooks
        .find(account.id(), ctx.pathParam("id"))
        .orElseThrow(() -> Problem.notFound("no such webhook"));
  }

  private static Optional<String> cursor(Context ctx) {
    return Optional.ofNullable(ctx.queryParam("cursor"));
  }

  private static int limit(Context ctx) {
    String value = ctx.queryParam("limit");
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw Problem.badRequest("limit must be a number from 1 to " + MAX_LIMIT);
  }

  private static Map<String, Object> view(Endpoint endpoint) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", endpoint.id());
    view.put("url", endpoint.url());
    view.put("events", endpoint.events().stream().sorted().map(EventType::wire).toList());
    view.put("createdAt", endpoint.createdAt());
    return view;
  }

  private static Map<String, Object> attempt(Attempt a) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("eventId", a.eventId());
    view.put("type", a.type().wire());
    view.put("attempt", a.attempt());
    view.put("at", a.at());
    view.put("status", a.status());
    view.put("outcome", a.outcome().wire());
    view.put("error", a.error().orElse(null));
    return view;
  }
}
