package io.herald.canary;

import java.time.Duration;
import java.util.Objects;

/**
 * The canary's observation window and the limits its metrics are judged against. Each rate has a
 * warning and a failing limit; the scorer holds a campaign only when a rate is shown, with the
 * given {@code confidence}, to be above its warning limit while its failing limit cannot be ruled
 * out (see {@link Verdict}). Built once and validated; {@link #defaults()} are the industry limits
 * below. The limits of email's metrics are components here; SMS's own metrics have theirs in {@link
 * #sms()}, Viber's in {@link #viber()}.
 *
 * @param window how long the canary is observed, from its start, before the rest may be released
 * @param bounceWarning hard bounces over finalised messages. Default 5%: Amazon SES puts an account
 *     under review at a 5% bounce rate
 * @param bounceFailing default 10%: SES pauses sending at 10%
 * @param complaintWarning complaints over delivered. Default 0.1%: Gmail's and Yahoo's bulk-sender
 *     requirements (2024) ask senders to stay below 0.1%
 * @param complaintFailing default 0.3%: the rate those requirements say never to reach
 * @param unsubscribeWarning unsubscribes over delivered. Default 1%: about four times the published
 *     average (0.2–0.3% of delivered); a rate that high means recipients do not recognise the
 *     sender
 * @param unsubscribeFailing default 2%: about eight times the average
 * @param minHumanEngagement unique human opens seen within the window over delivered: the failing
 *     limit of a metric that is bad when low. Default 1%. A healthy list opens about 21% in the
 *     end; with about a third of recipients behind privacy proxies (their opens are machine opens
 *     and not counted) and about two thirds of opens arriving within 6 hours, Herald sees about 10%
 *     within the window. 1% is a tenth of that: a list nobody reads. Lower it with a shorter window
 * @param confidence the one-sided confidence of each bound, in (0.5, 1). Default 0.999, because the
 *     canary is looked at many times (every few minutes for six hours) on six judged metrics: in
 *     the bench's simulation a list sitting exactly at its warning limits is held in under 0.5% of
 *     runs at 0.999 but in 1–2% at 0.99, while a list at its failing limits is held in every run
 *     with a canary of 1000 (at 0.99 a narrower bound sometimes "shows" such a list below the
 *     failing limit and it is released). The price is paid only by canaries of a few hundred, which
 *     neither level can decide reliably
 * @param engagementWarning the warning limit of human engagement (above {@code
 *     minHumanEngagement}). Default 3%: a third of what a healthy list shows in the window
 * @param softBounceWarning final soft bounces over finalised messages. Default 5%, like hard
 *     bounces: within the window only non-retryable 5xx replies become final soft bounces
 * @param softBounceFailing default 10%
 * @param policyBlockWarning policy blocks (5.7.x) over finalised messages. Default 2%: a healthy
 *     sender sees a fraction of a percent; more means a receiver distrusts this content or sender
 * @param policyBlockFailing default 5%
 * @param minFinalisedShare after the window, how much of the canary must have a final outcome
 *     before the rest is released (unless every message has one). Default 90%: a few greylisted or
 *     full mailboxes, retried for days, must not hold a release up, but a canary mostly still
 *     deferred has not been observed. SMS applies it too: its messages awaiting a receipt are not
 *     final, and the receipt timeout, which makes them {@code unknown}, bounds that wait
 * @param sms the limits of SMS canaries' own metrics (undeliverable, rejected, opt-outs); window,
 *     confidence and {@code minFinalisedShare} above apply to them too
 * @param viber the limits of Viber canaries' own metrics (seen, undelivered, opt-outs and blocks);
 *     window, confidence and {@code minFinalisedShare} above apply to them too, and a fallback
 *     SMS's rejections are judged with {@code sms}' rejected limits
 */
public record CanaryLimits(
    Duration window,
    double bounceWarning,
    double bounceFailing,
    double complaintWarning,
    double complaintFailing,
    double unsubscribeWarning,
    double unsubscribeFailing,
    double minHumanEngagement,
    double confidence,
    double engagementWarning,
    double softBounceWarning,
    double softBounceFailing,
    double policyBlockWarning,
    double policyBlockFailing,
    double minFinalisedShare,
    SmsCanaryLimits sms,
    ViberCanaryLimits viber) {
  public CanaryLimits {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(sms, "sms");
    Objects.requireNonNull(viber, "viber");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("canary window must be positive: " + window);
    }
    requirePair("bounce", bounceWarning, bounceFailing);
    requirePair("complaint", complaintWarning, complaintFailing);
    requirePair("unsubscribe", unsubscribeWarning, unsubscribeFailing);
    requirePair("soft bounce", softBounceWarning, softBounceFailing);
    requirePair("policy block", policyBlockWarning, policyBlockFailing);
    requirePair("engagement", minHumanEngagement, engagementWarning);
    if (!(confidence > 0.5 && confidence < 1)) {
      throw new IllegalArgumentException("canary confidence must be in (0.5, 1): " + confidence);
    }
    if (!(minFinalisedShare > 0 && minFinalisedShare <= 1)) {
      throw new IllegalArgumentException(
          "canary minFinalisedShare must be in (0, 1]: " + minFinalisedShare);
    }
  }

  static void requirePair(String name, double lower, double higher) {
    if (!(lower > 0 && lower < higher && higher < 1)) {
      throw new IllegalArgumentException(
          "canary " + name + " limits need 0 < " + lower + " < " + higher + " < 1");
    }
  }

  /** The defaults documented on each component. */
  public static CanaryLimits defaults() {
    return new CanaryLimits(
        Duration.ofHours(6),
        0.05,
        0.10,
        0.001,
        0.003,
        0.01,
        0.02,
        0.01,
        0.999,
        0.03,
        0.05,
        0.10,
        0.02,
        0.05,
        0.90,
        SmsCanaryLimits.defaults(),
        ViberCanaryLimits.defaults());
  }

  /** The same limits with another observation window. */
  public CanaryLimits withWindow(Duration newWindow) {
    return new CanaryLimits(
        newWindow,
        bounceWarning,
        bounceFailing,
        complaintWarning,
        complaintFailing,
        unsubscribeWarning,
        unsubscribeFailing,
        minHumanEngagement,
        confidence,
        engagementWarning,
        softBounceWarning,
        softBounceFailing,
        policyBlockWarning,
        policyBlockFailing,
        minFinalisedShare,
        sms,
        viber);
  }

  /** The same limits judged at another confidence. */
  public CanaryLimits withConfidence(double newConfidence) {
    return new CanaryLimits(
        window,
        bounceWarning,
        bounceFailing,
        complaintWarning,
        complaintFailing,
        unsubscribeWarning,
        unsubscribeFailing,
        minHumanEngagement,
        newConfidence,
        engagementWarning,
        softBounceWarning,
        softBounceFailing,
        policyBlockWarning,
        policyBlockFailing,
        minFinalisedShare,
        sms,
        viber);
  }
}
