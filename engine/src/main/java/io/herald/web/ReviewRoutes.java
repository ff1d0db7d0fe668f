package io.herald.web;

import io.herald.campaign.CampaignId;
import io.herald.campaign.CampaignRefused;
import io.herald.canary.Canaries;
import io.herald.paging.Page;
import io.herald.paging.SortedPages;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Administrator review of held campaigns (R6, R8): the list with each canary's report, approve (the
 * rest is released) and reject (the rest is never sent; the reason is shown to the account).
 */
final class ReviewRoutes {
  private final Auth auth;
  private final Canaries canaries;

  ReviewRoutes(Auth auth, Canaries canaries) {
    this.auth = auth;
    this.canaries = canaries;
  }

  /** Request body of approve (optional note) and reject (required reason). */
  record Decision(String reason) {}

  // A note or reason is shown to the account; a paragraph, not a document.
  static final int MAX_REASON = 1000;

  void register(Javalin app) {
    app.get("/api/admin/review", this::list);
    app.post("/api/admin/review/{id}/approve", this::approve);
    app.post("/api/admin/review/{id}/reject", this::reject);
  }

  private void list(Context ctx) {
    auth.admin(ctx);
    Paging paging = Paging.read(ctx, "review");
    Page<Canaries.Review> page =
        SortedPages.page(
            canaries.held(),
            r -> SortedPages.timeKey(r.canary().started(), r.campaign().id().value()),
            paging.after(),
            paging.limit());
    ctx.json(paging.body("held", page.map(ReviewRoutes::view)));
  }

  private void approve(Context ctx) {
    auth.admin(ctx);
    String note = ctx.body().isBlank() ? "" : reason(ctx);
    try {
      ctx.json(Map.of("id", canaries.approve(id(ctx), note).id().value(), "state", "sending"));
    } catch (CampaignRefused e) {
      throw refused(e);
    }
  }

  private void reject(Context ctx) {
    auth.admin(ctx);
    try {
      ctx.json(
          Map.of("id", canaries.reject(id(ctx), reason(ctx)).id().value(), "state", "rejected"));
    } catch (CampaignRefused e) {
      throw refused(e);
    }
  }

  private static String reason(Context ctx) {
    Decision decision = JsonBodies.read(ctx, Decision.class);
    if (decision.reason() != null && decision.reason().length() > MAX_REASON) {
      throw Problem.badRequest("reason is longer than " + MAX_REASON + " characters");
    }
    return decision.reason() == null ? "" : decision.reason();
  }

  private static CampaignId id(Context ctx) {
    try {
      return new CampaignId(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw Problem.notFound("no held campaign " + ctx.pathParam("id"));
    }
  }

  private static Problem refused(CampaignRefused e) {
    if (e.getMessage().startsWith("no held campaign")) {
      return Problem.notFound(e.getMessage());
    }
    return e.conflict() ? Problem.conflict(e.getMessage()) : Problem.badRequest(e.getMessage());
  }

  static Map<String, Object> view(Canaries.Review review) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", review.campaign().id().value());
    view.put("account", review.campaign().account().value());
    view.put("subject", review.campaign().subject());
    view.put("fromAddress", review.campaign().fromAddress());
    view.put("recipients", review.campaign().recipients());
    view.putAll(CanaryViews.canary(review));
    return view;
  }
}
