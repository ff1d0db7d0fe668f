package io.herald.web;

import io.herald.account.Account;
import io.herald.campaign.CampaignId;
import io.herald.campaign.CampaignStore;
import io.herald.paging.Page;
import io.herald.tracking.Engagement;
import io.herald.tracking.EngagementClassifier.Verdict;
import io.herald.tracking.EngagementStore;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An account's view of what recipients did: a campaign's opens, clicks, unsubscribes, complaints.
 */
final class EngagementRoutes {
  private static final int MAX_LIMIT = 1000;
  private static final int DEFAULT_LIMIT = 100;

  private final Auth auth;
  private final CampaignStore campaigns;
  private final EngagementStore store;

  EngagementRoutes(Auth auth, CampaignStore campaigns, EngagementStore store) {
    this.auth = auth;
    this.campaigns = campaigns;
    this.store = store;
  }

  void register(io.javalin.Javalin app) {
    app.get("/api/campaigns/{id}/events", this::events);
  }

  private void events(io.javalin.http.Context ctx) {
    Account account = auth.account(ctx);
    String id = ctx.pathParam("id");
    CampaignId campaign;
    try {
      campaign = new CampaignId(id);
    } catch (IllegalArgumentException e) {
      throw Problem.notFound("no campaign " + id);
    }
    if (campaigns.find(account.id(), campaign).isEmpty()) {
      throw Problem.notFound("no campaign " + id);
    }
    Paging paging = Paging.read(ctx, "events:" + id, DEFAULT_LIMIT, MAX_LIMIT);
    Page<EngagementStore.Logged> page =
        Paging.fetch(() -> store.events(account.id(), campaign, paging.after(), paging.limit()));
    ctx.json(paging.body("events", page.map(EngagementRoutes::view)));
  }

  private static Map<String, Object> view(EngagementStore.Logged logged) {
    Engagement e = logged.engagement();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("at", e.at().toString());
    view.put("kind", e.kind().counter());
    String key = e.contactKey();
    view.put(key.startsWith("p:") ? "phone" : "email", key.length() > 2 ? key.substring(2) : key);
    switch (e.verdict()) {
      case Verdict.Human _ -> view.put("human", true);
      case Verdict.Machine m -> {
        view.put("human", false);
        view.put("machineReason", m.reason().code());
      }
    }
    view.put("phase", logged.phase().name().toLowerCase(Locale.ROOT));
    view.put("source", e.source());
    return view;
  }
}
