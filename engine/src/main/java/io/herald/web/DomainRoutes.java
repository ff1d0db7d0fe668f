package io.herald.web;

import io.herald.account.AccountId;
import io.herald.account.Caller;
import io.herald.account.DnsRecord;
import io.herald.account.Refusal;
import io.herald.account.SendingDomains;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sending domains (R5): an account adds, lists, verifies and deletes its own; an administrator
 * attests one for an account (proved out of band), which is recorded in the account's audit trail.
 */
final class DomainRoutes {
  private final Auth auth;
  private final SendingDomains domains;

  DomainRoutes(Auth auth, SendingDomains domains) {
    this.auth = auth;
    this.domains = domains;
  }

  /** Request body of adding a domain; {@code ed25519} asks for a second, Ed25519 key. */
  record Add(String name, Boolean ed25519) {
    boolean withEd25519() {
      return Boolean.TRUE.equals(ed25519);
    }
  }

  /** Request body of an administrator's attestation; {@code by} names the operator. */
  record Attest(String name, Boolean ed25519, String by) {}

  void register(Javalin app) {
    app.post("/api/domains", this::add);
    app.get("/api/domains", this::list);
    app.get("/api/domains/{name}", this::show);
    app.post("/api/domains/{name}/verify", this::verify);
    app.delete("/api/domains/{name}", this::delete);
    app.post("/api/admin/accounts/{id}/domains", this::attest);
  }

  private void add(Context ctx) throws Refusal {
    Caller caller = auth.caller(ctx);
    Add body = JsonBodies.read(ctx, Add.class);
    SendingDomains.View view = domains.add(caller.account().id(), body.name(), body.withEd25519());
    ctx.status(201).header("Location", "/api/domains/" + view.name()).json(view(view));
  }

  private void list(Context ctx) {
    AccountId account = auth.account(ctx).id();
    ctx.json(Map.of("domains", domains.list(account).stream().map(DomainRoutes::view).toList()));
  }

  private void show(Context ctx) throws Refusal {
    ctx.json(view(domains.find(auth.account(ctx).id(), ctx.pathParam("name"))));
  }

  private void verify(Context ctx) throws Refusal {
    ctx.json(view(domains.verify(auth.account(ctx).id(), ctx.pathParam("name"))));
  }

  private void delete(Context ctx) throws Refusal {
    Caller caller = auth.caller(ctx);
    domains.delete(caller.account().id(), ctx.pathParam("name"), "key:" + caller.key());
    ctx.status(204);
  }

  private void attest(Context ctx) throws Refusal {
    auth.admin(ctx);
    AccountId account;
    try {
      account = new AccountId(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw Problem.notFound("no such account");
    }
    Attest body = JsonBodies.read(ctx, Attest.class);
    SendingDomains.View view =
        domains.attest(
            account,
            body.name(),
            Boolean.TRUE.equals(body.ed25519()),
            body.by() == null ? "admin" : body.by());
    ctx.status(201).json(view(view));
  }

  static Map<String, Object> view(SendingDomains.View domain) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("name", domain.name());
    view.put("status", domain.status());
    domain
        .verification()
        .ifPresent(
            v -> {
              view.put("verifiedAt", v.at());
              view.put("verifiedBy", v.by());
            });
    view.put("records", domain.records().stream().map(DomainRoutes::record).toList());
    view.put("text", domain.text());
    return view;
  }

  private static Map<String, Object> record(DnsRecord record) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("purpose", record.purpose());
    view.put("type", record.type());
    view.put("name", record.name());
    view.put("value", record.value());
    view.put("required", record.required());
    view.put("note", record.note());
    return view;
  }
}
