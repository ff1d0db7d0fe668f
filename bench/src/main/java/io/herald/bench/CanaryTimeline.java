package io.herald.bench;

import io.herald.canary.CanaryCounts;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * One simulated canary: when each of its events happens, in minutes from the canary's start, so
 * that the counters the scorer would see can be read at any moment.
 *
 * <p>The time model: canary messages go out at {@link #SENDS_PER_MINUTE} (a canary of 1000 takes
 * ten minutes); synchronous outcomes (most hard bounces, policy blocks, immediate soft bounces) are
 * known when a message is sent; greylisted messages are delivered on a retry 1 + Exp(10) minutes
 * later; {@link #ASYNC_HARD_SHARE} of hard bounces are accepted first and bounce by DSN after a
 * log-normal delay (median 15 minutes); lingering soft failures keep being retried and become final
 * soft bounces after 72 hours. Opens and unsubscribes follow a log-normal delay after delivery with
 * a median of 3 hours (σ = 1.5: 23% of opens in the first hour, 68% within 6 hours, the rest later,
 * as send-time studies report); clicks follow their open by a median of 2 minutes; complaints come
 * through feedback loops a little later (median 4 hours). Recipients behind a privacy proxy ({@link
 * #PROXY_SHARE}) produce only machine opens, which Herald does not count; their clicks are human
 * and counted.
 */
final class CanaryTimeline {
  static final double SENDS_PER_MINUTE = 100;
  static final double ASYNC_HARD_SHARE = 0.2;
  static final double PROXY_SHARE = 0.3;
  static final double RETRY_GIVE_UP_MINUTES = 72 * 60;

  private final int sent;
  private final double[] sendOutcomes; // delivered (first), sorted
  private final double[] asyncBounces; // delivered earlier, moved to hard bounces
  private final double[] hardSync;
  private final double[] softFinal;
  private final double[] policy;
  private final double[] opens;
  private final double[] clicks;
  private final double[] unsubscribes;
  private final double[] complaints;
  private final double allFinalAt;

  private CanaryTimeline(
      int sent,
      double[] delivered,
      double[] asyncBounces,
      double[] hardSync,
      double[] softFinal,
      double[] policy,
      double[] opens,
      double[] clicks,
      double[] unsubscribes,
      double[] complaints,
      double allFinalAt) {
    this.sent = sent;
    this.sendOutcomes = delivered;
    this.asyncBounces = asyncBounces;
    this.hardSync = hardSync;
    this.softFinal = softFinal;
    this.policy = policy;
    this.opens = opens;
    this.clicks = clicks;
    this.unsubscribes = unsubscribes;
    this.complaints = complaints;
    this.allFinalAt = allFinalAt;
  }

  /** Draws the events of a canary of {@code size} recipients from {@code list}. */
  static CanaryTimeline simulate(CanaryProfile list, int size, RandomGenerator random) {
    Times delivered = new Times();
    Times asyncBounces = new Times();
    Times hardSync = new Times();
    Times softFinal = new Times();
    Times policy = new Times();
    Times opens = new Times();
    Times clicks = new Times();
    Times unsubscribes = new Times();
    Times complaints = new Times();
    double allFinalAt = 0;
    for (int i = 0; i < size; i++) {
      double sentAt = (i + random.nextDouble()) / SENDS_PER_MINUTE;
      double finalAt = sentAt;
      double u = random.nextDouble();
      if ((u -= list.policyBlock()) < 0) {
        policy.add(sentAt);
      } else if ((u -= list.hardBounce()) < 0) {
        if (random.nextDouble() < ASYNC_HARD_SHARE) {
          delivered.add(sentAt);
          finalAt = sentAt + logNormal(random, 15, 1.2);
          asyncBounces.add(finalAt);
        } else {
          hardSync.add(sentAt);
        }
      } else if ((u -= list.softFinal()) < 0) {
        softFinal.add(sentAt);
      } else if ((u -= list.softLingering()) < 0) {
        finalAt = sentAt + RETRY_GIVE_UP_MINUTES;
        softFinal.add(finalAt);
      } else {
        double at =
            random.nextDouble() < list.greylisted()
                ? sentAt + 1 + random.nextExponential() * 10
                : sentAt;
        finalAt = at;
        delivered.add(at);
        engage(list, at, random, opens, clicks, unsubscribes, complaints);
      }
      allFinalAt = Math.max(allFinalAt, finalAt);
    }
    return new CanaryTimeline(
        size,
        delivered.sorted(),
        asyncBounces.sorted(),
        hardSync.sorted(),
        softFinal.sorted(),
        policy.sorted(),
        opens.sorted(),
        clicks.sorted(),
        unsubscribes.sorted(),
        complaints.sorted(),
        allFinalAt);
  }

  private static void engage(
      CanaryProfile list,
      double deliveredAt,
      RandomGenerator random,
      Times opens,
      Times clicks,
      Times unsubscribes,
      Times complaints) {
    boolean behindProxy = random.nextDouble() < PROXY_SHARE;
    if (random.nextDouble() < list.open()) {
      double openedAt = deliveredAt + logNormal(random, 180, 1.5);
      if (!behindProxy) {
        opens.add(openedAt);
      }
      if (random.nextDouble() < list.clickPerOpen()) {
        clicks.add(openedAt + logNormal(random, 2, 1.0));
      }
    }
    if (random.nextDouble() < list.unsubscribe()) {
      unsubscribes.add(deliveredAt + logNormal(random, 180, 1.5));
    }
    if (random.nextDouble() < list.complaint()) {
      complaints.add(deliveredAt + logNormal(random, 240, 1.5));
    }
  }

  private static double logNormal(RandomGenerator random, double median, double sigma) {
    return median * Math.exp(sigma * random.nextGaussian());
  }

  /** The counters as Herald would hold them {@code minutes} after the canary started. */
  CanaryCounts countsAt(double minutes) {
    long async = upTo(asyncBounces, minutes);
    return new CanaryCounts(
        sent,
        upTo(sendOutcomes, minutes) - async,
        upTo(hardSync, minutes) + async,
        upTo(softFinal, minutes),
        upTo(policy, minutes),
        upTo(opens, minutes),
        upTo(clicks, minutes),
        upTo(unsubscribes, minutes),
        upTo(complaints, minutes));
  }

  /** Minutes from the start until every canary message had a final outcome. */
  double allFinalAt() {
    return allFinalAt;
  }

  private static long upTo(double[] sortedTimes, double minutes) {
    int i = Arrays.binarySearch(sortedTimes, minutes);
    if (i < 0) {
      return -i - 1;
    }
    while (i + 1 < sortedTimes.length && sortedTimes[i + 1] == minutes) {
      i++;
    }
    return i + 1;
  }

  /** A growable array of event times. */
  private static final class Times {
    private double[] values = new double[16];
    private int size;

    void add(double value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    double[] sorted() {
      double[] out = Arrays.copyOf(values, size);
      Arrays.sort(out);
      return out;
    }
  }
}
