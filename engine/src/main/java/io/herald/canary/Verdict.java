package io.herald.canary;

/**
 * What the confidence bounds of one canary metric say about it against its two limits. For a metric
 * that is bad when high (bounces, complaints, unsubscribes) with warning limit {@code w} below
 * failing limit {@code f}, and one-sided bounds {@code [lower, upper]}:
 *
 * <ul>
 *   <li>{@link #OK}: not shown above {@code w}, and {@code f} is ruled out ({@code lower <= w},
 *       {@code upper < f});
 *   <li>{@link #WARNING}: shown above {@code w} but shown below {@code f} ({@code lower > w},
 *       {@code upper < f}) — reported, not a reason to hold;
 *   <li>{@link #FAILING}: shown above {@code w} and {@code f} is not ruled out ({@code lower > w},
 *       {@code upper >= f}) — the campaign is held;
 *   <li>{@link #INSUFFICIENT_DATA}: too few messages to tell {@code w} from {@code f} ({@code lower
 *       <= w}, {@code upper >= f});
 *   <li>{@link #PENDING}: not judged yet because its events are still arriving (human engagement
 *       before the window ends);
 *   <li>{@link #NOT_JUDGED}: shown for information only (delivered, clicks).
 * </ul>
 *
 * A metric that is bad when low (human engagement) mirrors this with {@code w > f}.
 */
public enum Verdict {
  OK,
  WARNING,
  FAILING,
  INSUFFICIENT_DATA,
  PENDING,
  NOT_JUDGED
}
