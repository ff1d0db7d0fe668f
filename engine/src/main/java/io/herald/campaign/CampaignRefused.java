package io.herald.campaign;

/** A campaign action that cannot be done, in words for the user (a 4xx, CLI exit 2). */
public final class CampaignRefused extends Exception {
  private final boolean conflict;
  private final boolean unverifiedSender;

  public CampaignRefused(String message, boolean conflict) {
    this(message, conflict, false);
  }

  private CampaignRefused(String message, boolean conflict, boolean unverifiedSender) {
    super(message);
    this.conflict = conflict;
    this.unverifiedSender = unverifiedSender;
  }

  /** The From is not on a verified sending domain of the account (R5): a 422. */
  static CampaignRefused unverifiedSender(String message) {
    return new CampaignRefused(message, false, true);
  }

  /** True when the sender's domain is not the account's verified one (422). */
  public boolean unverifiedSender() {
    return unverifiedSender;
  }

  /** True when the campaign is in a state that does not allow the action (409). */
  public boolean conflict() {
    return conflict;
  }
}
