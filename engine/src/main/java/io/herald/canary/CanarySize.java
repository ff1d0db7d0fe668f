package io.herald.canary;

/**
 * How many recipients a campaign's canary gets (R6): 10% of the audience, rounded half up, at least
 * 1 and at most 1000; none for an empty audience. The rounding is done in integers so that 15 gives
 * 2 and 14 gives 1 with no floating-point doubt.
 */
public final class CanarySize {
  /** The largest canary: beyond it more recipients add little certainty and delay many people. */
  public static final int MAX = 1000;

  private CanarySize() {}

  /** {@code min(max(1, round(audience × 10%)), 1000)}, or 0 when {@code audience} is 0. */
  public static int of(long audience) {
    if (audience < 0) {
      throw new IllegalArgumentException("audience must not be negative: " + audience);
    }
    if (audience == 0) {
      return 0;
    }
    long tenth = audience / 10 + (audience % 10 >= 5 ? 1 : 0); // half up, without overflow
    return (int) Math.min(Math.max(1, tenth), MAX);
  }
}
