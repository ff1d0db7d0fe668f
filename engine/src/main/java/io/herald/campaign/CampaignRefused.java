package io.herald.campaign;

/** A campaign action that cannot be done, in words for the user (a 4xx, CLI exit 2). */
public final class CampaignRefused extends Exception {
  private final boolean conflict;

  public CampaignRefused(String message, boolean conflict) {
    super(message);
    this.conflict = conflict;
  }

  /** True when the campaign is in a state that does not allow the action (409). */
  public boolean conflict() {
    return conflict;
  }
}
