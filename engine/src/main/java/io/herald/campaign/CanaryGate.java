package io.herald.campaign;

import java.util.Optional;

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

  /**
   * Why {@code campaign} must wait for an administrator before anything of it is sent — its content
   * looks prohibited (R7) — or empty when it may start. Asked before the campaign leaves its draft.
   */
  Optional<String> holdBeforeSending(Campaign campaign);

  /**
   * The campaign is held and its snapshot of {@code audience} recipients stored, nothing
   * dispatched: put it in the administrators' review queue with {@code reason}. Approval starts its
   * canary (or, where campaigns have none, sends to the whole audience); rejection ends it unsent.
   */
  void holdForReview(Campaign campaign, long audience, String reason);
}
