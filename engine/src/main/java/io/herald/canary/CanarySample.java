package io.herald.canary;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Which recipients form a campaign's canary: {@code size} distinct numbers out of {@code
 * 1…audience} (the snapshot's numbering), drawn uniformly with Floyd's algorithm from a recorded
 * seed, so the same seed always gives the same sample (R6: "chosen reproducibly and recorded").
 */
public final class CanarySample {
  private CanarySample() {}

  /** The sample, in ascending order. */
  public static List<Long> choose(long audience, int size, long seed) {
    if (size < 0 || size > audience) {
      throw new IllegalArgumentException(
          "a canary of " + size + " cannot be drawn from " + audience + " recipients");
    }
    SplittableRandom random = new SplittableRandom(seed);
    Set<Long> chosen = new HashSet<>(size * 2);
    for (long j = audience - size + 1; j <= audience; j++) {
      long t = random.nextLong(1, j + 1);
      chosen.add(chosen.contains(t) ? j : t);
    }
    return chosen.stream().sorted().toList();
  }
}
