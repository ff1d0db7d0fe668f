package io.herald.campaign;

import java.util.Map;

/**
 * Counters of one campaign, per phase (R11): sent, delivered, deferred, bounced (hard, soft,
 * policy), suppressed at send time, and later opened, clicked, unsubscribed, complained. Kept as a
 * map of {@code <phase>.<counter>} so new counters need no schema change.
 */
public record CampaignStats(Map<String, Long> counters) {
  public long get(Phase phase, String counter) {
    return counters.getOrDefault(key(phase, counter), 0L);
  }

  public static String key(Phase phase, String counter) {
    return phase.name().toLowerCase(java.util.Locale.ROOT) + "." + counter;
  }
}
