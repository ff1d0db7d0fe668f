package io.herald.canary;

import io.herald.account.AccountId;
import io.herald.campaign.Campaign;
import io.herald.campaign.CampaignId;
import io.herald.campaign.CampaignRefused;
import io.herald.campaign.CampaignState;
import io.herald.campaign.CampaignStats;
import io.herald.campaign.CampaignStore;
import io.herald.campaign.CanaryGate;
import io.herald.campaign.Channel;
import io.herald.campaign.Completion;
import io.herald.campaign.Dispatcher;
import io.herald.campaign.Phase;
import io.herald.content.ContentReview;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.random.RandomGenerator;

/**
 * The canary release (R6): draws and dispatches the sample when a campaign starts, scores it (a
 * pure {@link CanaryScorer}) whenever the monitor asks, and acts on the decision — release (the
 * rest is dispatched), hold (an administrator decides), or wait. Every transition is a
 * compare-and-set on the campaign's stored state, so when several nodes score the same canary, one
 * decision is taken once; what a crash interrupts (a release whose rest was not fully dispatched)
 * is finished by the next scoring. Every decision goes to the campaign's audit trail.
 */
public final class Canaries implements CanaryGate {
  private static final int DISPATCH_BATCH = 1000;

  /** The decision recorded for a campaign held for its content before its canary (R7). */
  public static final String CONTENT_HOLD = ContentHolds.DECISION;

  private final boolean enabled;
  private final CanaryStore store;
  private final CampaignStore campaigns;
  private final Completion completion;
  private final Dispatcher dispatcher;
  private final CanaryScorer scorer;
  private final Clock clock;
  private final RandomGenerator random;
  private final ContentReview content;
  private final ContentHolds contentHolds;

  /** Canaries with no review of content (R7) before them. */
  public Canaries(
      boolean enabled,
      CanaryStore store,
      CampaignStore campaigns,
      Dispatcher dispatcher,
      CanaryScorer scorer,
      Clock clock,
      RandomGenerator random) {
    this(enabled, store, campaigns, dispatcher, scorer, clock, random, ContentReview.off());
  }

  /** {@code content}: which campaigns are held for an administrator before their canary (R7). */
  public Canaries(
      boolean enabled,
      CanaryStore store,
      CampaignStore campaigns,
      Dispatcher dispatcher,
      CanaryScorer scorer,
      Clock clock,
      RandomGenerator random,
      ContentReview content) {
    this.content = content;
    this.enabled = enabled;
    this.store = store;
    this.campaigns = campaigns;
    this.completion = new Completion(campaigns);
    this.contentHolds = new ContentHolds(enabled, store, campaigns, dispatcher, clock, this::begin);
    this.dispatcher = dispatcher;
    this.scorer = scorer;
    this.clock = clock;
    this.random = random;
  }

  @Override
  public boolean appliesTo(Campaign campaign) {
    return enabled;
  }

  @Override
  public void begin(Campaign campaign, long audience) {
    int size = CanarySize.of(audience);
    long seed = random.nextLong();
    List<Long> sample = CanarySample.choose(audience, size, seed);
    Instant now = clock.instant();
    String started =
        "canary of "
            + size
            + " of "
            + audience
            + " recipients (min(max(1, round(N × 10%)), 1000); seed "
            + seed
            + ")";
    store.begin(
        campaign.account(),
        campaign.id(),
        new CanaryRecord(
            size, seed, now, Optional.empty(), "wait", started, Optional.empty(), false),
        sample);
    store.audit(
        campaign.account(), campaign.id(), new AuditEntry(now, "canary", "started", started));
    for (int from = 0; from < sample.size(); from += DISPATCH_BATCH) {
      dispatcher.dispatch(
          campaign,
          Phase.CANARY,
          sample.subList(from, Math.min(sample.size(), from + DISPATCH_BATCH)));
    }
  }

  @Override
  public Optional<String> holdBeforeSending(Campaign campaign) {
    return content.holdReason(campaign);
  }

  @Override
  public void holdForReview(Campaign campaign, long audience, String reason) {
    contentHolds.hold(campaign, reason);
  }

  /** Scores every canary under watch; what the monitor runs on each node. */
  public void evaluateAll() {
    for (CanaryStore.Ref ref : store.watched()) {
      evaluate(ref.account(), ref.campaign());
    }
  }

  /** Scores one canary and acts on the decision; returns what was decided, if anything was. */
  public Optional<CanaryDecision> evaluate(AccountId account, CampaignId id) {
    Optional<Campaign> found = campaigns.find(account, id);
    Optional<CanaryRecord> record = store.find(account, id);
    if (found.isEmpty() || record.isEmpty()) {
      store.unwatch(account, id);
      return Optional.empty();
    }
    Campaign campaign = found.get();
    boolean observing =
        campaign.state() instanceof CampaignState.Sending(Phase p) && p == Phase.CANARY;
    if (!observing) {
      settle(campaign, record.get());
      return Optional.empty();
    }
    CanaryDecision decision = scorer.score(evidence(campaign, record.get()), clock.instant());
    act(campaign, decision);
    return Optional.of(decision);
  }

  /**
   * A watched campaign no longer in its canary's observation: a paused canary waits for its
   * resumption; a released one (sending or paused in the rest, or completed) gets its rest
   * dispatched if a crash cut the release short; anything else (held, rejected, cancelled) needs no
   * more watching.
   */
  private void settle(Campaign campaign, CanaryRecord record) {
    switch (campaign.state()) {
      case CampaignState.Paused(Phase phase) when phase == Phase.CANARY -> {}
      case CampaignState.Sending s -> finishRelease(campaign, record);
      case CampaignState.Paused p -> finishRelease(campaign, record);
      case CampaignState.Completed c -> finishRelease(campaign, record);
      default -> store.unwatch(campaign.account(), campaign.id());
    }
  }

  private CanaryEvidence evidence(Campaign campaign, CanaryRecord record) {
    ChannelCounts counts =
        counts(
            campaigns.stats(campaign.account(), campaign.id()), record.size(), campaign.channel());
    Optional<Instant> finished = record.sendsFinished();
    if (finished.isEmpty() && counts.finalised() >= record.size()) {
      Instant now = clock.instant();
      store.sendsFinished(campaign.account(), campaign.id(), now);
      finished = Optional.of(now);
    }
    return new CanaryEvidence(counts, record.started(), finished.orElse(null));
  }

  /**
   * The canary phase's counters as the scorer wants them for the campaign's channel. SMS counts its
   * opt-outs (STOP replies and the link) as {@code unsubscribed}, through the engagement path email
   * uses; it has no complaints (no feedback loop exists for SMS). Viber counts its own outcomes
   * ({@code viber_…}), then a fallback SMS's under the SMS counters' names; {@code seen} is its
   * opens, and blocking the sender counts with the unsubscribe link as an opt-out.
   */
  static ChannelCounts counts(CampaignStats stats, long size, Channel channel) {
    return switch (channel) {
      case EMAIL -> emailCounts(stats, size);
      case VIBER -> viberCounts(stats, size);
      case SMS ->
          new SmsCanaryCounts(
              size,
              stats.get(Phase.CANARY, "submitted"),
              stats.get(Phase.CANARY, "delivered"),
              stats.get(Phase.CANARY, "undeliverable"),
              stats.get(Phase.CANARY, "rejected"),
              stats.get(Phase.CANARY, "expired"),
              stats.get(Phase.CANARY, "unknown"),
              stats.get(Phase.CANARY, "clicked"),
              stats.get(Phase.CANARY, "unsubscribed"));
    };
  }

  private static ViberCanaryCounts viberCounts(CampaignStats stats, long size) {
    ToLongFunction<String> canary = counter -> stats.get(Phase.CANARY, counter);
    return new ViberCanaryCounts(
        size,
        canary.applyAsLong("viber_submitted"),
        canary.applyAsLong("viber_delivered"),
        canary.applyAsLong("seen"),
        canary.applyAsLong("viber_undelivered"),
        canary.applyAsLong("viber_expired"),
        canary.applyAsLong("not_viber_user"),
        new ViberCanaryCounts.Fallback(
            canary.applyAsLong("fallen_back"),
            canary.applyAsLong("fallback_pending"),
            canary.applyAsLong("submitted"),
            canary.applyAsLong("delivered"),
            canary.applyAsLong("undeliverable"),
            canary.applyAsLong("rejected"),
            canary.applyAsLong("expired"),
            canary.applyAsLong("unknown")),
        canary.applyAsLong("clicked"),
        canary.applyAsLong("unsubscribed"),
        canary.applyAsLong("blocked"));
  }

  private static CanaryCounts emailCounts(CampaignStats stats, long size) {
    return new CanaryCounts(
        size,
        stats.get(Phase.CANARY, "delivered"),
        stats.get(Phase.CANARY, "bounced_hard"),
        stats.get(Phase.CANARY, "bounced_soft"),
        stats.get(Phase.CANARY, "bounced_policy"),
        stats.get(Phase.CANARY, "opened"),
        stats.get(Phase.CANARY, "clicked"),
        stats.get(Phase.CANARY, "unsubscribed"),
        stats.get(Phase.CANARY, "complained"));
  }

  private void act(Campaign campaign, CanaryDecision decision) {
    AccountId account = campaign.account();
    CampaignId id = campaign.id();
    String report = decision.report().text();
    CampaignState canary = new CampaignState.Sending(Phase.CANARY);
    switch (decision) {
      case CanaryDecision.Wait w -> store.decided(account, id, "wait", report);
      case CanaryDecision.Release r -> {
        if (campaigns.transition(account, id, canary, new CampaignState.Sending(Phase.REST))) {
          store.decided(account, id, "release", report);
          store.audit(account, id, new AuditEntry(clock.instant(), "canary", "released", report));
          finishRelease(campaign, store.find(account, id).orElseThrow());
        }
      }
      case CanaryDecision.Hold h -> {
        if (campaigns.transition(account, id, canary, new CampaignState.Held())) {
          store.decided(account, id, "hold", report);
          store.audit(account, id, new AuditEntry(clock.instant(), "canary", "held", report));
          store.queueForReview(account, id, true);
          store.unwatch(account, id);
        }
      }
    }
  }

  /** Dispatches the rest once (again after a crash cut a release short), then stops watching. */
  private void finishRelease(Campaign campaign, CanaryRecord record) {
    if (!record.restDispatched()) {
      Set<Long> sample = new HashSet<>(store.numbers(campaign.account(), campaign.id()));
      List<Long> batch = new ArrayList<>(DISPATCH_BATCH);
      for (long n = 1; n <= campaign.recipients(); n++) {
        if (!sample.contains(n)) {
          batch.add(n);
          if (batch.size() == DISPATCH_BATCH) {
            dispatcher.dispatch(campaign, Phase.REST, List.copyOf(batch));
            batch.clear();
          }
        }
      }
      if (!batch.isEmpty()) {
        dispatcher.dispatch(campaign, Phase.REST, batch);
      }
      store.restDispatched(campaign.account(), campaign.id());
    }
    store.unwatch(campaign.account(), campaign.id());
    completion.ifDone(campaign.account(), campaign.id());
  }

  /** A held campaign as administrators review it. */
  public record Review(Campaign campaign, CanaryRecord canary, List<AuditEntry> audit) {}

  /** The campaigns held for review, oldest canary first. */
  public List<Review> held() {
    List<Review> reviews = new ArrayList<>();
    for (CanaryStore.Ref ref : store.heldForReview()) {
      Optional<Review> review =
          of(ref.account(), ref.campaign())
              .filter(r -> r.campaign().state() instanceof CampaignState.Held);
      if (review.isPresent()) {
        reviews.add(review.get());
      } else {
        store.queueForReview(ref.account(), ref.campaign(), false);
      }
    }
    reviews.sort(java.util.Comparator.comparing(r -> r.canary().started()));
    return reviews;
  }

  /**
   * An administrator releases a held campaign: after a canary, the rest is dispatched; held for its
   * content before anything was sent, its canary begins (or, without canaries, the whole audience
   * is dispatched).
   */
  public Campaign approve(CampaignId id, String note) throws CampaignRefused {
    Review review = heldReview(id);
    Campaign campaign = review.campaign();
    String detail = note.isBlank() ? "approved by an administrator" : note.strip();
    if (review.canary().decision().equals(CONTENT_HOLD)) {
      return contentHolds.release(campaign, detail);
    }
    if (!campaigns.transition(
        campaign.account(), id, new CampaignState.Held(), new CampaignState.Sending(Phase.REST))) {
      throw new CampaignRefused("campaign " + id + " is no longer held", true);
    }
    store.decided(campaign.account(), id, "approved", review.canary().report());
    store.audit(
        campaign.account(), id, new AuditEntry(clock.instant(), "admin", "approved", detail));
    store.queueForReview(campaign.account(), id, false);
    finishRelease(campaign, review.canary());
    return campaign.withState(new CampaignState.Sending(Phase.REST));
  }

  /** An administrator rejects a held campaign: the rest is never sent; the reason is kept. */
  public Campaign reject(CampaignId id, String reason) throws CampaignRefused {
    if (reason == null || reason.isBlank()) {
      throw new CampaignRefused("a rejection needs a reason (the account is shown it)", false);
    }
    Review review = heldReview(id);
    Campaign campaign = review.campaign();
    if (!campaigns.transition(
        campaign.account(), id, new CampaignState.Held(), new CampaignState.Rejected())) {
      throw new CampaignRefused("campaign " + id + " is no longer held", true);
    }
    String clean = reason.strip().replaceAll("\\p{Cntrl}", " ");
    store.rejected(campaign.account(), id, clean);
    store.decided(campaign.account(), id, "rejected", review.canary().report());
    store.audit(
        campaign.account(), id, new AuditEntry(clock.instant(), "admin", "rejected", clean));
    store.queueForReview(campaign.account(), id, false);
    return campaign.withState(new CampaignState.Rejected());
  }

  private Review heldReview(CampaignId id) throws CampaignRefused {
    return store.heldForReview().stream()
        .filter(ref -> ref.campaign().equals(id))
        .findFirst()
        .flatMap(ref -> of(ref.account(), id))
        .filter(review -> review.campaign().state() instanceof CampaignState.Held)
        .orElseThrow(() -> new CampaignRefused("no held campaign " + id, false));
  }

  /** The canary of one of the account's campaigns, with its audit trail, for status views. */
  public Optional<Review> of(AccountId account, CampaignId id) {
    return campaigns
        .find(account, id)
        .flatMap(
            c -> store.find(account, id).map(r -> new Review(c, r, store.auditTrail(account, id))));
  }
}
