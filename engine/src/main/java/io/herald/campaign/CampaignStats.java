package io.herald.campaign;

import java.util.List;
import java.util.Map;

/**
 * Counters of one campaign, per phase (R11): sent, delivered, deferred, bounced (hard, soft,
 * policy), suppressed at send time, and later opened, clicked, unsubscribed, complained; an SMS
 * campaign has its own outcomes instead (see {@link #counters(Channel)}). Kept as a map of {@code
 * <phase>.<counter>} so new counters need no schema change.
 */
public record CampaignStats(Map<String, Long> counters) {
  private static final List<String> EMAIL =
      List.of(
          "sent",
          "delivered",
          "deferred",
          "bounced_hard",
          "bounced_soft",
          "bounced_policy",
          "suppressed",
          "failed",
          "opened",
          "clicked",
          "opened_machine",
          "clicked_machine",
          "unsubscribed",
          "complained");

  // submitted: the SMSC accepted the message, final until its receipt moves it to delivered,
  // undeliverable, rejected or expired, or the receipt timeout to unknown; parts: SMS parts sent;
  // quiet_hours_waits: times a message was put back until the recipient's night ended.
  // No opens (SMS has none) and no complaints (no feedback loop): a STOP reply is unsubscribed.
  private static final List<String> SMS =
      List.of(
          "sent",
          "submitted",
          "delivered",
          "undeliverable",
          "rejected",
          "expired",
          "unknown",
          "deferred",
          "quiet_hours_waits",
          "suppressed",
          "failed",
          "parts",
          "clicked",
          "clicked_machine",
          "unsubscribed");

  // A Viber message: viber_submitted (the provider accepted it) until its reports move it to
  // viber_delivered, or — undelivered, expired, not a Viber user — to fallback_pending when the
  // campaign has an SMS fallback (then the SMS's own outcomes: submitted, delivered, ...) or else
  // to
  // viber_undelivered / viber_expired / not_viber_user. fallen_back counts fallbacks once (it does
  // not move); seen is Viber's "opened"; blocked: the recipient blocked the sender.
  private static final List<String> VIBER =
      List.of(
          "sent",
          "viber_submitted",
          "viber_delivered",
          "seen",
          "viber_undelivered",
          "viber_expired",
          "not_viber_user",
          "fallen_back",
          "fallback_pending",
          "submitted",
          "delivered",
          "undeliverable",
          "rejected",
          "expired",
          "unknown",
          "parts",
          "deferred",
          "suppressed",
          "failed",
          "clicked",
          "clicked_machine",
          "unsubscribed",
          "blocked");

  /** The counters a campaign on {@code channel} keeps per phase, in the order views show them. */
  public static List<String> counters(Channel channel) {
    return switch (channel) {
      case EMAIL -> EMAIL;
      case SMS -> SMS;
      case VIBER -> VIBER;
    };
  }

  public long get(Phase phase, String counter) {
    return counters.getOrDefault(key(phase, counter), 0L);
  }

  public static String key(Phase phase, String counter) {
    return phase.name().toLowerCase(java.util.Locale.ROOT) + "." + counter;
  }
}
