package io.herald.campaign;

/** A campaign action that cannot be done, in words for the user (a 4xx, CLI exit 2). */
public final class CampaignRefused extends Exception {
  private final boolean conflict;
  private final boolean unprocessable;

  public CampaignRefused(String message, boolean conflict) {
    this(message, conflict, false);
  }

  private CampaignRefused(String message, boolean conflict, boolean unprocessable) {
    super(message);
    this.conflict = conflict;
    this.unprocessable = unprocessable;
  }

  /** The From is not on a verified sending domain of the account (R5): a 422. */
  static CampaignRefused unverifiedSender(String message) {
    return unprocessable(message);
  }

  /**
   * Well-formed, but not possible for this account or server (an unverified sender, a channel this
   * server does not send on): a 422.
   */
  public static CampaignRefused unprocessable(String message) {
    return new CampaignRefused(message, false, true);
  }

  /** True when the request was well-formed but cannot be done here (422). */
  public boolean unprocessable() {
    return unprocessable;
  }

  /** True when the campaign is in a state that does not allow the action (409). */
  public boolean conflict() {
    return conflict;
  }
}
