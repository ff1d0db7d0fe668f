package io.herald.campaign;

/**
 * Where a campaign stands. Sealed so that every place that acts on a state handles all of them; the
 * canary adds its observing, held and rejected states here without touching the others.
 */
public sealed interface CampaignState {
  /** Created, editable, nothing sent. */
  record Draft() implements CampaignState {}

  /** Messages of {@code phase} are being delivered. */
  record Sending(Phase phase) implements CampaignState {}

  /** Stopped by the account; {@code phase} resumes where it was. */
  record Paused(Phase phase) implements CampaignState {}

  /** Every recipient has a final outcome. */
  record Completed() implements CampaignState {}

  /** Stopped for good by the account; what was not sent never will be. */
  record Cancelled() implements CampaignState {}

  /**
   * The canary's evidence was bad (R6): nothing more is sent until an administrator approves (the
   * rest is released) or rejects.
   */
  record Held() implements CampaignState {}

  /** An administrator rejected the held campaign; the rest is never sent. The reason is kept. */
  record Rejected() implements CampaignState {}

  /** A short name for APIs and storage. */
  default String name() {
    return switch (this) {
      case Draft d -> "draft";
      case Sending s -> "sending";
      case Paused p -> "paused";
      case Completed c -> "completed";
      case Cancelled c -> "cancelled";
      case Held h -> "held";
      case Rejected r -> "rejected";
    };
  }
}
