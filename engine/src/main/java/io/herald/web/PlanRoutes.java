package io.herald.web;

import io.herald.account.AccountId;
import io.herald.account.AccountStore;
import io.herald.account.Caller;
import io.herald.account.Refusal;
import io.herald.plan.Billing;
import io.herald.plan.LedgerEntry;
import io.herald.plan.Money;
import io.herald.plan.Quotas;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * An account's plan, quota usage and ledger (R9): {@code GET /api/account/usage} (the plan, the
 * current period — it renews at {@code periodEnd} — messages allowed, used and left, subscribers
 * allowed and held, the balance), {@code POST /api/account/plan} (an upgrade now, a downgrade at
 * the period's end), {@code GET /api/account/ledger}; and the administrator's {@code POST
 * /api/admin/accounts/{id}/topups}, the only way money enters a balance (no payment provider).
 */
final class PlanRoutes {
  private static final int MAX_NOTE = 500;
  private static final int MAX_LEDGER = 1000;

  private final Auth auth;
  private final Quotas quotas;
  private final Billing billing;
  private final AccountStore accounts;

  PlanRoutes(Auth auth, Quotas quotas, Billing billing, AccountStore accounts) {
    this.auth = auth;
    this.quotas = quotas;
    this.billing = billing;
    this.accounts = accounts;
  }

  /** Request body of a plan change: {@code free} or a package's name. */
  record PlanChange(String plan) {}

  /** Request body of a top-up: an amount with at most two decimals, as text or a number. */
  record TopUp(String amount, String note, String by) {}

  void register(Javalin app) {
    app.get("/api/account/usage", ctx -> ctx.json(quotas.usage(auth.account(ctx).id())));
    app.post("/api/account/plan", this::change);
    app.get("/api/account/ledger", this::ledger);
    app.post("/api/admin/accounts/{id}/topups", this::topUp);
  }

  private void change(Context ctx) throws Refusal {
    Caller caller = auth.caller(ctx);
    PlanChange body = JsonBodies.read(ctx, PlanChange.class);
    if (body.plan() == null || body.plan().isBlank()) {
      throw Problem.badRequest("plan is required: \"free\" or a package's name");
    }
    AccountId account = caller.account().id();
    billing.choose(account, body.plan(), "key:" + caller.key());
    ctx.json(quotas.usage(account));
  }

  private void ledger(Context ctx) {
    AccountId account = auth.account(ctx).id();
    int limit = AccountRoutes.limit(ctx.queryParam("limit"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("balance", Money.decimal(billing.balance(account)));
    body.put(
        "entries",
        billing.ledger(account, Math.min(limit, MAX_LEDGER)).stream()
            .map(PlanRoutes::view)
            .toList());
    ctx.json(body);
  }

  private void topUp(Context ctx) throws Refusal {
    auth.admin(ctx);
    AccountId account = account(ctx);
    TopUp body = JsonBodies.read(ctx, TopUp.class);
    OptionalLong minor = Money.parsePositive(body.amount());
    if (minor.isEmpty()) {
      throw Problem.badRequest(
          "amount must be a positive sum with at most two decimals, at most "
              + Money.decimal(Money.MAX_TOP_UP_MINOR));
    }
    String note = body.note() == null ? "" : body.note().strip();
    String by = body.by() == null || body.by().isBlank() ? "admin" : body.by().strip();
    if (note.length() > MAX_NOTE
        || note.chars().anyMatch(Character::isISOControl)
        || by.length() > 100
        || by.chars().anyMatch(Character::isISOControl)) {
      throw Problem.badRequest(
          "note (at most " + MAX_NOTE + ") and by (at most 100) must be single lines");
    }
    if (accounts.find(account).isEmpty()) {
      throw Problem.notFound("no such account");
    }
    ctx.status(201).json(view(billing.topUp(account, minor.getAsLong(), by, note)));
  }

  private static Map<String, Object> view(LedgerEntry e) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("at", e.at().toString());
    view.put("kind", e.kind());
    view.put("amount", Money.decimal(e.amountMinor()));
    view.put("balance", Money.decimal(e.balanceMinor()));
    view.put("plan", e.plan());
    view.put("by", e.by());
    view.put("note", e.note());
    return view;
  }

  private static AccountId account(Context ctx) {
    try {
      return new AccountId(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw Problem.notFound("no such account");
    }
  }
}
