package io.herald.channel.viber;

/**
 * The ledger outcomes and counters of a Viber campaign's recipients (see {@code
 * CampaignStats.counters(VIBER)}): a message stays {@link #SUBMITTED} until its reports move it on.
 */
public final class ViberOutcomes {
  /** The provider accepted the message; its reports decide. */
  public static final String SUBMITTED = "viber_submitted";

  public static final String DELIVERED = "viber_delivered";
  public static final String UNDELIVERED = "viber_undelivered";
  public static final String EXPIRED = "viber_expired";
  public static final String NOT_VIBER_USER = "not_viber_user";

  /** Viber could not deliver it and its SMS fallback is to go (the worker sends it). */
  public static final String FALLBACK_PENDING = "fallback_pending";

  /** The provider refused the message for good. */
  public static final String REJECTED = "rejected";

  /** Counted once per recipient: seen (Viber's "opened"), fell back to SMS, blocked the sender. */
  public static final String SEEN = "seen";

  public static final String FALLEN_BACK = "fallen_back";
  public static final String BLOCKED = "blocked";

  private ViberOutcomes() {}
}
