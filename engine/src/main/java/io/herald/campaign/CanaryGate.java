package io.herald.campaign;

/**
 * Where a starting campaign's canary (R6) begins: the canary package implements it, so the campaign
 * lifecycle knows that a canary exists but not how it is drawn, scored or reviewed.
 */
public interface CanaryGate {
  /** Whether this campaign starts with a canary (policy: every bulk campaign, or none). */
  boolean appliesTo(Campaign campaign);

  /**
   * The campaign's snapshot of {@code audience} recipients is stored and nothing is dispatched yet:
   * draw the sample, record it, and dispatch it as {@link Phase#CANARY}.
   */
  void begin(Campaign campaign, long audience);
}
