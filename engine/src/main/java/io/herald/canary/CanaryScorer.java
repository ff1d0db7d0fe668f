package io.herald.canary;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Scores a canary (R6): a pure function of its counters, its start, and the time now, to a decision
 * with its explanation. No I/O, no clock of its own, no state: the same evidence and the same
 * {@code now} always give the same decision, so the canary monitor may call it on every node and on
 * any schedule.
 *
 * <p><b>Rates and their bases.</b> Hard bounces, soft bounces and policy blocks are counted over
 * finalised messages (those with a final outcome); complaints, unsubscribes, human opens and clicks
 * over delivered messages. Counts grow during the window — asynchronous bounces in minutes,
 * complaints, unsubscribes and opens over hours (a third of opens come after six hours) — so a rate
 * seen early is at most what it will become: acting on it early can only under-react, never hold on
 * events that have not happened.
 *
 * <p><b>Channels.</b> The metrics judged, and their bases, follow the counters' channel; the rules
 * below are the same for all. Email: as above. SMS ({@link SmsCanaryCounts}): undeliverable and
 * rejected numbers over receipted messages (a message the SMSC accepted is not final until its
 * receipt, or the receipt timeout, says what became of it); opt-outs — STOP replies and the short
 * unsubscribe link — over accepted messages; clicks, expiries and unknown outcomes for information.
 * SMS has no opens and no complaints, so nothing of the kind can hold an SMS campaign. Limits:
 * {@link CanaryLimits#sms()}. Viber ({@link ViberCanaryCounts}): seen — Viber's opens, judged like
 * email's human opens, at the end of the window — over Viber-delivered messages; undelivered (Viber
 * undelivered or expired without a fallback, the fallback SMS undeliverable) over reported
 * messages, "not a Viber user" left out of both; opt-outs (the link and blocks) over accepted
 * messages; the fallback SMS's rejections over their receipts; clicks on the tracked button and
 * links, Viber deliveries, numbers without Viber and fallbacks for information. Limits: {@link
 * CanaryLimits#viber()}.
 *
 * <p><b>Bounds.</b> Each rate gets one-sided Clopper–Pearson bounds at {@link
 * CanaryLimits#confidence()}: exact binomial tails, so a small canary gets wide bounds and its
 * noise cannot cross a limit (one complaint in 30 has a 99.9% lower bound of 0.003%, far below the
 * 0.1% warning; one in 10 has 0.01%). See {@link ExactBinomial} for why not Wilson.
 *
 * <p><b>Rules.</b> A metric is {@link Verdict#FAILING} when its lower bound is above the warning
 * limit and its upper bound does not rule out the failing limit (mirrored for engagement, which is
 * bad when low). The warning and failing limits thus bracket a zone in which either decision is
 * acceptable: a list at or beyond the failing limit is held, a list at or under the warning limit
 * is released, and one in between is held only while the data cannot yet place it below the failing
 * limit.
 *
 * <ul>
 *   <li>{@link CanaryDecision.Hold} as soon as any metric is failing — early, at any time in the
 *       window; a list with 10% hard bounces is held once a few hundred messages are finalised.
 *   <li>{@link CanaryDecision.Wait} while the window lasts and nothing fails; also after the window
 *       while less than {@link CanaryLimits#minFinalisedShare()} of the canary has a final outcome.
 *   <li>{@link CanaryDecision.Release} once the window is over and nothing fails.
 * </ul>
 *
 * Human engagement is judged only when the window is over, as opens seen within it: earlier, few
 * opens is what every list looks like. It is not judged when sending ended in the second half of
 * the window, since then the canary had too little time to be read.
 *
 * <p><b>Small canaries.</b> Ten messages cannot tell a 5% bounce rate from a 10% one, nor a healthy
 * list from a bought one; the bounds say so ({@link Verdict#INSUFFICIENT_DATA}) and such a canary
 * is released unless its counts are extreme (four hard bounces in ten, say). The report says which
 * metrics could not be judged.
 */
public final class CanaryScorer {
  private final CanaryLimits limits;

  public CanaryScorer(CanaryLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  public CanaryLimits limits() {
    return limits;
  }

  /** The decision about the canary described by {@code evidence}, as of {@code now}. */
  public CanaryDecision score(CanaryEvidence evidence, Instant now) {
    Objects.requireNonNull(evidence, "evidence");
    Objects.requireNonNull(now, "now");
    ChannelCounts c = evidence.counts();
    Instant windowEnd = evidence.canaryStarted().plus(limits.window());
    boolean windowOver = !now.isBefore(windowEnd);
    long finalised = c.finalised();
    List<MetricScore> metrics = metrics(c, engagementJudged(evidence, windowOver));
    List<MetricScore> failing =
        metrics.stream().filter(m -> m.verdict() == Verdict.FAILING).toList();
    Duration elapsed = Duration.between(evidence.canaryStarted(), now);
    if (!failing.isEmpty()) {
      return new CanaryDecision.Hold(
          new CanaryReport(metrics, holdSummary(failing, elapsed, windowOver)));
    }
    if (!windowOver) {
      return new CanaryDecision.Wait(
          new CanaryReport(
              metrics,
              "WAIT: "
                  + hours(Duration.between(now, windowEnd))
                  + " of the "
                  + hours(limits.window())
                  + " window left and no metric is failing; "
                  + progress(c)
                  + ". "
                  + boundsNote()));
    }
    boolean enoughFinal =
        evidence.lastSendFinished() != null
            || finalised >= Math.ceil(limits.minFinalisedShare() * c.sent());
    if (!enoughFinal) {
      return new CanaryDecision.Wait(
          new CanaryReport(
              metrics,
              "WAIT: the "
                  + hours(limits.window())
                  + " window is over and no metric is failing, but only "
                  + progress(c)
                  + "; releasing needs "
                  + MetricScore.limit(limits.minFinalisedShare())
                  + " of them (or all). "
                  + boundsNote()));
    }
    return new CanaryDecision.Release(new CanaryReport(metrics, releaseSummary(metrics, c)));
  }

  private boolean engagementJudged(CanaryEvidence evidence, boolean windowOver) {
    if (!windowOver) {
      return false;
    }
    Instant half = evidence.canaryStarted().plus(limits.window().dividedBy(2));
    return evidence.lastSendFinished() == null || !evidence.lastSendFinished().isAfter(half);
  }

  private List<MetricScore> metrics(ChannelCounts counts, boolean engagementJudged) {
    return switch (counts) {
      case CanaryCounts c -> emailMetrics(c, engagementJudged);
      case SmsCanaryCounts s -> smsMetrics(s);
      case ViberCanaryCounts v -> viberMetrics(v, engagementJudged);
    };
  }

  private List<MetricScore> emailMetrics(CanaryCounts c, boolean engagementJudged) {
    long finalised = c.finalised();
    long delivered = c.delivered();
    List<MetricScore> list = new ArrayList<>(Metric.values().length);
    list.add(info(Metric.DELIVERED, c.delivered(), Math.max(c.sent(), finalised)));
    list.add(
        high(
            Metric.HARD_BOUNCES,
            c.hardBounces(),
            finalised,
            limits.bounceWarning(),
            limits.bounceFailing()));
    list.add(
        high(
            Metric.SOFT_BOUNCES,
            c.softBounces(),
            finalised,
            limits.softBounceWarning(),
            limits.softBounceFailing()));
    list.add(
        high(
            Metric.POLICY_BLOCKS,
            c.policyBlocks(),
            finalised,
            limits.policyBlockWarning(),
            limits.policyBlockFailing()));
    list.add(
        low(
            Metric.HUMAN_OPENS,
            c.humanOpens(),
            delivered,
            limits.engagementWarning(),
            limits.minHumanEngagement(),
            engagementJudged));
    list.add(info(Metric.HUMAN_CLICKS, c.humanClicks(), delivered));
    list.add(
        high(
            Metric.UNSUBSCRIBES,
            c.unsubscribes(),
            delivered,
            limits.unsubscribeWarning(),
            limits.unsubscribeFailing()));
    list.add(
        high(
            Metric.COMPLAINTS,
            c.complaints(),
            delivered,
            limits.complaintWarning(),
            limits.complaintFailing()));
    return List.copyOf(list);
  }

  /** SMS: failures over receipted, opt-outs and clicks over accepted; no opens, no complaints. */
  private List<MetricScore> smsMetrics(SmsCanaryCounts s) {
    SmsCanaryLimits sms = limits.sms();
    long receipted = s.receipted();
    long accepted = s.accepted();
    return List.of(
        info(Metric.DELIVERED, s.delivered(), Math.max(s.sent(), s.finalised())),
        high(
            Metric.SMS_UNDELIVERABLE,
            s.undeliverable(),
            receipted,
            sms.undeliverableWarning(),
            sms.undeliverableFailing()),
        high(
            Metric.SMS_REJECTED,
            s.rejected(),
            receipted,
            sms.rejectedWarning(),
            sms.rejectedFailing()),
        info(Metric.SMS_EXPIRED, s.expired(), receipted),
        info(Metric.SMS_UNKNOWN, s.unknown(), Math.max(s.sent(), s.finalised())),
        high(Metric.SMS_OPT_OUTS, s.optOuts(), accepted, sms.optOutWarning(), sms.optOutFailing()),
        info(Metric.SMS_CLICKS, s.humanClicks(), accepted));
  }

  /**
   * Viber: seen over Viber-delivered (judged when engagement is), undelivered over reported,
   * fallback SMS rejections over their receipts, opt-outs and blocks over accepted.
   */
  private List<MetricScore> viberMetrics(ViberCanaryCounts v, boolean engagementJudged) {
    ViberCanaryLimits viber = limits.viber();
    SmsCanaryLimits sms = limits.sms();
    ViberCanaryCounts.Fallback fallback = v.fallback();
    long sentOrFinal = Math.max(v.sent(), v.finalised());
    return List.of(
        info(Metric.VIBER_DELIVERED, v.delivered(), sentOrFinal),
        low(
            Metric.VIBER_SEEN,
            v.seen(),
            v.delivered(),
            viber.seenWarning(),
            viber.minSeen(),
            engagementJudged),
        high(
            Metric.VIBER_UNDELIVERED,
            v.unreached(),
            v.reported(),
            viber.undeliveredWarning(),
            viber.undeliveredFailing()),
        info(Metric.VIBER_NOT_VIBER_USERS, v.notViberUser(), sentOrFinal),
        info(Metric.VIBER_FALLEN_BACK, fallback.fallenBack(), sentOrFinal),
        info(Metric.VIBER_SMS_DELIVERED, fallback.delivered(), fallback.fallenBack()),
        high(
            Metric.VIBER_SMS_REJECTED,
            fallback.rejected(),
            fallback.receipted(),
            sms.rejectedWarning(),
            sms.rejectedFailing()),
        high(
            Metric.VIBER_OPT_OUTS,
            v.optOuts(),
            v.accepted(),
            viber.optOutWarning(),
            viber.optOutFailing()),
        info(Metric.VIBER_CLICKS, v.humanClicks(), v.accepted()));
  }

  private MetricScore high(Metric metric, long count, long base, double warning, double failing) {
    if (base == 0) {
      return new MetricScore(
          metric.label, count, 0, 0, 0, 1, warning, failing, Verdict.INSUFFICIENT_DATA);
    }
    long x = Math.min(count, base);
    double lower = ExactBinomial.lowerBound(x, base, limits.confidence());
    double upper = ExactBinomial.upperBound(x, base, limits.confidence());
    boolean aboveWarning = lower > warning;
    boolean failingRuledOut = upper < failing;
    Verdict verdict =
        aboveWarning
            ? (failingRuledOut ? Verdict.WARNING : Verdict.FAILING)
            : (failingRuledOut ? Verdict.OK : Verdict.INSUFFICIENT_DATA);
    return new MetricScore(
        metric.label, count, base, (double) x / base, lower, upper, warning, failing, verdict);
  }

  private MetricScore low(
      Metric metric, long count, long base, double warning, double failing, boolean judged) {
    if (base == 0) {
      return new MetricScore(
          metric.label, count, 0, 0, 0, 1, warning, failing, Verdict.INSUFFICIENT_DATA);
    }
    long x = Math.min(count, base);
    double lower = ExactBinomial.lowerBound(x, base, limits.confidence());
    double upper = ExactBinomial.upperBound(x, base, limits.confidence());
    Verdict verdict;
    if (!judged) {
      verdict = Verdict.PENDING;
    } else {
      boolean belowWarning = upper < warning;
      boolean failingRuledOut = lower > failing;
      verdict =
          belowWarning
              ? (failingRuledOut ? Verdict.WARNING : Verdict.FAILING)
              : (failingRuledOut ? Verdict.OK : Verdict.INSUFFICIENT_DATA);
    }
    return new MetricScore(
        metric.label, count, base, (double) x / base, lower, upper, warning, failing, verdict);
  }

  private MetricScore info(Metric metric, long count, long base) {
    if (base == 0) {
      return new MetricScore(
          metric.label, count, 0, 0, 0, 1, Double.NaN, Double.NaN, Verdict.NOT_JUDGED);
    }
    long x = Math.min(count, base);
    return new MetricScore(
        metric.label,
        count,
        base,
        (double) x / base,
        ExactBinomial.lowerBound(x, base, limits.confidence()),
        ExactBinomial.upperBound(x, base, limits.confidence()),
        Double.NaN,
        Double.NaN,
        Verdict.NOT_JUDGED);
  }

  private String holdSummary(List<MetricScore> failing, Duration elapsed, boolean windowOver) {
    String reasons =
        failing.stream()
            .map(
                m -> {
                  boolean low =
                      Metric.ofLabel(m.metric()).orElseThrow().direction
                          == Metric.Direction.BAD_WHEN_LOW;
                  // The bound that clears the warning limit, then the one that may reach failing.
                  return "%s %s is %s the %s warning limit (%s) and may %s the %s failing limit (%s)"
                      .formatted(
                          m.metric(),
                          MetricScore.percent(m.rate()),
                          low ? "below" : "above",
                          MetricScore.limit(m.warning()),
                          low
                              ? "upper bound " + MetricScore.percent(m.upperBound())
                              : "lower bound " + MetricScore.percent(m.lowerBound()),
                          low ? "be under" : "reach",
                          MetricScore.limit(m.failing()),
                          low
                              ? "lower bound " + MetricScore.percent(m.lowerBound())
                              : "upper bound " + MetricScore.percent(m.upperBound()));
                })
            .collect(Collectors.joining("; "));
    return "HOLD "
        + (windowOver ? "at the end of the window" : "after " + hours(elapsed))
        + ": "
        + reasons
        + ". Nothing more is sent until an administrator approves or rejects the campaign. "
        + boundsNote();
  }

  private String releaseSummary(List<MetricScore> metrics, ChannelCounts c) {
    StringBuilder s = new StringBuilder("RELEASE: the ");
    s.append(hours(limits.window())).append(" window is over and no metric is failing; ");
    s.append(progress(c)).append('.');
    List<String> warnings =
        metrics.stream()
            .filter(m -> m.verdict() == Verdict.WARNING)
            .map(m -> m.metric() + " " + MetricScore.percent(m.rate()))
            .toList();
    if (!warnings.isEmpty()) {
      s.append(" Warnings (beyond the warning limit, short of the failing one): ");
      s.append(String.join(", ", warnings)).append('.');
    }
    List<String> unknown =
        metrics.stream()
            .filter(m -> m.verdict() == Verdict.INSUFFICIENT_DATA)
            .map(MetricScore::metric)
            .toList();
    if (!unknown.isEmpty()) {
      s.append(" Not enough data to judge ").append(String.join(", ", unknown));
      s.append(" (a canary of ").append(c.sent());
      s.append(" is too small to rule out their failing limits).");
    }
    return s.append(' ').append(boundsNote()).toString();
  }

  private static String progress(ChannelCounts c) {
    String finalised = c.finalised() + " of " + c.sent() + " canary messages have a final outcome";
    return switch (c) {
      case CanaryCounts email -> finalised;
      case SmsCanaryCounts sms when sms.submitted() > 0 ->
          finalised
              + " ("
              + sms.submitted()
              + " accepted by the SMSC await a receipt; without one they become unknown after"
              + " sms.receiptTimeout)";
      case SmsCanaryCounts sms -> finalised;
      case ViberCanaryCounts viber -> finalised + viber.awaiting();
    };
  }

  private String boundsNote() {
    return "Bounds are one-sided "
        + MetricScore.limit(limits.confidence())
        + " Clopper–Pearson bounds of each rate.";
  }

  private static String hours(Duration d) {
    long minutes = Math.max(0, d.toMinutes());
    return minutes % 60 == 0
        ? (minutes / 60) + "h"
        : String.format(Locale.ROOT, "%dh %02dm", minutes / 60, minutes % 60);
  }
}
