package io.herald.web;

import io.herald.plan.Quotas;
import io.javalin.Javalin;

/**
 * An account's plan and quota usage (R9): {@code GET /api/account/usage} answers the plan, the
 * current period (it renews at {@code periodEnd}), messages allowed, used and left in it, and
 * subscribers allowed and held.
 */
final class PlanRoutes {
  private final Auth auth;
  private final Quotas quotas;

  PlanRoutes(Auth auth, Quotas quotas) {
    this.auth = auth;
    this.quotas = quotas;
  }

  void register(Javalin app) {
    app.get("/api/account/usage", ctx -> ctx.json(quotas.usage(auth.account(ctx).id())));
  }
}
