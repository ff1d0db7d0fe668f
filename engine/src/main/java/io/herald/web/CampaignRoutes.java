package io.herald.web;

import io.herald.account.Account;
import io.herald.campaign.Campaign;
import io.herald.campaign.CampaignId;
import io.herald.campaign.CampaignRefused;
import io.herald.campaign.CampaignState;
import io.herald.campaign.CampaignStats;
import io.herald.campaign.CampaignStore;
import io.herald.campaign.Campaigns;
import io.herald.campaign.Channel;
import io.herald.campaign.Phase;
import io.herald.canary.Canaries;
import io.herald.channel.sms.ComposedSms;
import io.herald.channel.sms.SmsPreview;
import io.herald.channel.sms.SmsPreviews;
import io.herald.channel.sms.SmsTextRefused;
import io.herald.channel.viber.ViberContentRefused;
import io.herald.channel.viber.ViberPreviews;
import io.herald.delivery.CampaignSamples;
import io.herald.delivery.MessageFactory;
import io.herald.delivery.SendOutcome;
import io.herald.importers.InvalidAddressException;
import io.herald.importers.PhoneNumber;
import io.herald.paging.Page;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** An account's campaigns: create, start, pause, resume, cancel, status with counts. */
final class CampaignRoutes {
  private final Auth auth;
  private final Campaigns campaigns;
  private final CampaignStore store;
  private final CampaignSamples samples;
  private final Optional<SmsPreviews> smsPreviews;
  private final Optional<ViberPreviews> viberPreviews;
  private final Canaries canaries;

  CampaignRoutes(
      Auth auth,
      Campaigns campaigns,
      CampaignStore store,
      CampaignSamples samples,
      Optional<SmsPreviews> smsPreviews,
      Optional<ViberPreviews> viberPreviews,
      Canaries canaries) {
    this.auth = auth;
    this.campaigns = campaigns;
    this.store = store;
    this.samples = samples;
    this.smsPreviews = smsPreviews;
    this.viberPreviews = viberPreviews;
    this.canaries = canaries;
  }

  /** Request body of a preview: the contact to render for (an email, or a phone for SMS, Viber). */
  record Preview(String email, String phone) {}

  /** Request body of a test send. */
  record TestSend(java.util.List<String> to) {}

  /** Request body of campaign creation. */
  record Create(
      String channel,
      String list,
      Map<String, String> filter,
      String fromName,
      String fromAddress,
      String replyTo,
      String subject,
      String html,
      String text,
      Boolean trackClicks,
      ViberViews.Settings viber) {}

  /** One of the lifecycle actions, applied to a campaign. */
  @FunctionalInterface
  private interface Action {
    Campaign apply(Account account, CampaignId id) throws CampaignRefused;
  }

  void register(Javalin app) {
    app.post("/api/campaigns", this::create);
    app.get("/api/campaigns", this::list);
    app.get("/api/campaigns/{id}", this::status);
    app.post("/api/campaigns/{id}/preview", this::preview);
    app.post("/api/campaigns/{id}/test", this::testSend);
    app.post(
        "/api/campaigns/{id}/start",
        ctx -> act(ctx, auth.sender(ctx), (a, id) -> campaigns.start(a.id(), id)));
    app.post(
        "/api/campaigns/{id}/pause",
        ctx -> act(ctx, auth.account(ctx), (a, id) -> campaigns.pause(a.id(), id)));
    app.post(
        "/api/campaigns/{id}/resume",
        ctx -> act(ctx, auth.sender(ctx), (a, id) -> campaigns.resume(a.id(), id)));
    app.post(
        "/api/campaigns/{id}/cancel",
        ctx -> act(ctx, auth.account(ctx), (a, id) -> campaigns.cancel(a.id(), id)));
  }

  private void create(Context ctx) {
    Account account = auth.account(ctx);
    Create body = JsonBodies.read(ctx, Create.class);
    Channel channel =
        body.channel() == null
            ? Channel.EMAIL
            : Channel.ofWireName(body.channel())
                .orElseThrow(
                    () -> Problem.unprocessable("channel must be \"email\", \"sms\" or \"viber\""));
    try {
      Campaign campaign =
          campaigns.create(
              account.id(),
              new Campaigns.Draft(
                  channel,
                  body.list(),
                  body.filter() == null ? Map.of() : body.filter(),
                  body.fromName() == null ? "" : body.fromName(),
                  body.fromAddress(),
                  Optional.ofNullable(body.replyTo()).filter(s -> !s.isBlank()),
                  body.subject() == null ? "" : body.subject(),
                  body.html() == null ? "" : body.html(),
                  Optional.ofNullable(body.text()).filter(s -> !s.isBlank()),
                  body.trackClicks() == null || body.trackClicks(),
                  ViberViews.spec(channel, body.viber())));
      ctx.status(201).header("Location", "/api/campaigns/" + campaign.id()).json(view(campaign));
    } catch (CampaignRefused e) {
      throw refused(e);
    }
  }

  private void preview(Context ctx) {
    Account account = auth.account(ctx);
    Campaign campaign = find(account, ctx.pathParam("id"));
    Preview body = JsonBodies.read(ctx, Preview.class);
    if (campaign.channel() == Channel.SMS) {
      ctx.json(smsPreview(campaign, body.phone()));
      return;
    }
    if (campaign.channel() == Channel.VIBER) {
      ctx.json(viberPreview(campaign, body.phone()));
      return;
    }
    try {
      MessageFactory.Built built =
          samples.preview(campaign, body.email() == null ? "" : body.email());
      ctx.json(
          Map.of(
              "mailFrom", built.envelope().mailFrom(),
              "rcptTo", built.envelope().rcptTo(),
              "rfc822", new String(built.rfc822(), java.nio.charset.StandardCharsets.UTF_8)));
    } catch (MessageFactory.MessageRefused | InvalidAddressException e) {
      throw Problem.badRequest(e.getMessage());
    }
  }

  /** The SMS {@code phone} would get: its text, encoding and parts (what a plan counts). */
  private Map<String, Object> smsPreview(Campaign campaign, String phone) {
    SmsPreviews previews =
        smsPreviews.orElseThrow(
            () -> Problem.unprocessable("sms is not configured on this server"));
    String e164 = e164(phone);
    try {
      ComposedSms sms = previews.preview(campaign, e164);
      return smsView(e164, campaign.fromAddress(), sms.text(), sms.preview());
    } catch (SmsTextRefused e) {
      throw Problem.unprocessable(e.getMessage());
    }
  }

  /** The Viber message {@code phone} would get, and the SMS it would get instead. */
  private Map<String, Object> viberPreview(Campaign campaign, String phone) {
    String e164 = e164(phone);
    ViberPreviews previews =
        viberPreviews.orElseThrow(
            () -> Problem.unprocessable("viber is not configured on this server"));
    try {
      return ViberViews.preview(campaign, previews.preview(campaign, e164));
    } catch (ViberContentRefused e) {
      throw Problem.unprocessable(e.getMessage());
    }
  }

  /** An SMS as a preview shows it (a Viber preview shows its SMS fallback so too). */
  static Map<String, Object> smsView(String to, String from, String text, SmsPreview p) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("to", to);
    view.put("from", from);
    view.put("text", text);
    view.put("encoding", p.encoding());
    view.put("characters", p.characters());
    view.put("units", p.units());
    view.put("parts", p.parts());
    view.put("unitsPerPart", p.unitsPerPart());
    view.put("remaining", p.remaining());
    return view;
  }

  /** A preview's phone in E.164, or a 400 saying how to write it. */
  private static String e164(String phone) {
    try {
      return PhoneNumber.parse(phone == null ? "" : phone, "ZZ").e164();
    } catch (InvalidAddressException e) {
      throw Problem.badRequest("phone: " + e.getMessage() + " (give it as +<country><number>)");
    }
  }

  private void testSend(Context ctx) {
    Account account = auth.sender(ctx);
    Campaign campaign = find(account, ctx.pathParam("id"));
    TestSend body = JsonBodies.read(ctx, TestSend.class);
    if (campaign.channel() != Channel.EMAIL) {
      // Not yet: an SMS test send would need its own short links and receipts outside the ledger.
      throw Problem.unprocessable(
          "a test send is for email campaigns; preview an SMS campaign (or a Viber one) with a"
              + " phone instead, or send yourself a transactional SMS");
    }
    try {
      var results =
          samples.testSend(campaign, body.to() == null ? java.util.List.of() : body.to()).stream()
              .map(
                  sent -> {
                    Map<String, Object> view = new LinkedHashMap<>();
                    view.put("address", sent.address());
                    switch (sent.outcome()) {
                      case SendOutcome.Delivered d -> {
                        view.put("outcome", "delivered");
                        view.put("detail", d.reply());
                      }
                      case SendOutcome.Deferred d -> {
                        view.put("outcome", "deferred");
                        view.put("detail", d.reason());
                      }
                      case SendOutcome.Bounced b -> {
                        view.put("outcome", "bounced_" + b.kind().name().toLowerCase(Locale.ROOT));
                        view.put("detail", b.reply());
                      }
                    }
                    return view;
                  })
              .toList();
      ctx.json(Map.of("results", results));
    } catch (MessageFactory.MessageRefused | InvalidAddressException e) {
      throw Problem.badRequest(e.getMessage());
    }
  }

  private void list(Context ctx) {
    Account account = auth.account(ctx);
    Paging paging = Paging.read(ctx, "campaigns");
    Page<Campaign> page =
        Paging.fetch(() -> store.list(account.id(), paging.after(), paging.limit()));
    ctx.json(paging.body("campaigns", page.map(this::view)));
  }

  private void status(Context ctx) {
    Account account = auth.account(ctx);
    ctx.json(view(find(account, ctx.pathParam("id"))));
  }

  /** Applies the action for {@code account} (a frozen account may pause and cancel, not start). */
  private void act(Context ctx, Account account, Action action) {
    Campaign campaign = find(account, ctx.pathParam("id"));
    try {
      ctx.json(view(action.apply(account, campaign.id())));
    } catch (CampaignRefused e) {
      throw refused(e);
    }
  }

  private Campaign find(Account account, String id) {
    try {
      return store
          .find(account.id(), new CampaignId(id))
          .orElseThrow(() -> Problem.notFound("no campaign " + id));
    } catch (IllegalArgumentException e) {
      throw Problem.notFound("no campaign " + id);
    }
  }

  private static Problem refused(CampaignRefused e) {
    if (e.unprocessable()) {
      return Problem.unprocessable(e.getMessage());
    }
    return e.conflict() ? Problem.conflict(e.getMessage()) : Problem.badRequest(e.getMessage());
  }

  private Map<String, Object> view(Campaign c) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", c.id().value());
    view.put("channel", c.channel().wireName());
    view.put("list", c.listName());
    view.put("state", c.state().name());
    switch (c.state()) {
      case CampaignState.Sending s -> view.put("phase", s.phase().name().toLowerCase(Locale.ROOT));
      case CampaignState.Paused p -> view.put("phase", p.phase().name().toLowerCase(Locale.ROOT));
      default -> {}
    }
    view.put("fromName", c.fromName());
    view.put("fromAddress", c.fromAddress());
    if (c.channel() == Channel.EMAIL) {
      view.put("subject", c.subject());
    } else {
      view.put("text", c.text().orElse(""));
      view.put("trackClicks", c.trackClicks());
    }
    c.viber().ifPresent(viber -> view.put("viber", ViberViews.view(viber)));
    view.put("recipients", c.recipients());
    CampaignStats stats = store.stats(c.account(), c.id());
    Map<String, Object> phases = new LinkedHashMap<>();
    for (Phase phase : Phase.values()) {
      Map<String, Long> counters = new LinkedHashMap<>();
      for (String counter : CampaignStats.counters(c.channel())) {
        counters.put(counter, stats.get(phase, counter));
      }
      if (counters.values().stream().anyMatch(v -> v > 0) || phase == Phase.ALL) {
        phases.put(phase.name().toLowerCase(Locale.ROOT), counters);
      }
    }
    view.put("stats", phases);
    canaries.of(c.account(), c.id()).ifPresent(review -> view.putAll(CanaryViews.canary(review)));
    view.put("createdAt", c.createdAt().toString());
    return view;
  }
}
