package io.herald.web;

import io.herald.account.Account;
import io.herald.account.AccountId;
import io.herald.account.AccountStore;
import io.herald.account.ApiKeyId;
import io.herald.account.ApiKeys;
import io.herald.account.Freezes;
import io.herald.account.Refusal;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Administrator routes on one account (R8): its view with keys and audit trail, freezing and
 * unfreezing it, and making or deleting its API keys (to recover an account that lost its last
 * key).
 */
final class AccountAdminRoutes {
  private static final String ADMIN = "admin";

  private final Auth auth;
  private final AccountStore store;
  private final ApiKeys keys;
  private final Freezes freezes;

  AccountAdminRoutes(Auth auth, AccountStore store, ApiKeys keys, Freezes freezes) {
    this.auth = auth;
    this.store = store;
    this.keys = keys;
    this.freezes = freezes;
  }

  /** Request body of a freeze; {@code by} (optional) names the operator for the audit trail. */
  record Freeze(String reason, String by) {}

  /** Request body of an unfreeze (optional). */
  record Unfreeze(String by) {}

  void register(Javalin app) {
    app.get("/api/admin/accounts/{id}", this::show);
    app.post("/api/admin/accounts/{id}/freeze", this::freeze);
    app.post("/api/admin/accounts/{id}/unfreeze", this::unfreeze);
    app.post("/api/admin/accounts/{id}/keys", this::createKey);
    app.delete("/api/admin/accounts/{id}/keys/{key}", this::deleteKey);
  }

  private void show(Context ctx) {
    auth.admin(ctx);
    AccountId id = id(ctx);
    Account account = store.find(id).orElseThrow(() -> Problem.notFound("no such account"));
    Map<String, Object> view = Views.account(account);
    view.put("keys", keys.list(id).stream().map(Views::apiKey).toList());
    view.put("audit", freezes.auditTrail(id).stream().map(Views::accountEvent).toList());
    ctx.json(view);
  }

  private void freeze(Context ctx) throws Refusal {
    auth.admin(ctx);
    AccountId id = id(ctx);
    Freeze body = JsonBodies.read(ctx, Freeze.class);
    ctx.json(Views.account(freezes.freeze(id, body.reason(), by(body.by()))));
  }

  private void unfreeze(Context ctx) throws Refusal {
    auth.admin(ctx);
    AccountId id = id(ctx);
    Unfreeze body =
        ctx.body().isBlank() ? new Unfreeze(null) : JsonBodies.read(ctx, Unfreeze.class);
    ctx.json(Views.account(freezes.unfreeze(id, by(body.by()))));
  }

  private void createKey(Context ctx) throws Refusal {
    auth.admin(ctx);
    AccountId id = id(ctx);
    AccountRoutes.NewKey body = JsonBodies.read(ctx, AccountRoutes.NewKey.class);
    ctx.status(201).json(Views.createdKey(keys.create(id, body.name(), ADMIN)));
  }

  private void deleteKey(Context ctx) throws Refusal {
    auth.admin(ctx);
    AccountId id = id(ctx);
    ApiKeyId key =
        ApiKeyId.parse(ctx.pathParam("key")).orElseThrow(() -> Problem.notFound("no such API key"));
    keys.delete(id, key, true, ADMIN);
    ctx.status(204);
  }

  private static AccountId id(Context ctx) {
    String id = ctx.pathParam("id");
    try {
      return new AccountId(id);
    } catch (IllegalArgumentException e) {
      throw Problem.notFound("no such account");
    }
  }

  private static String by(String given) {
    return given == null ? ADMIN : given;
  }
}
