package io.herald.tracking;

import io.herald.account.AccountId;
import io.herald.campaign.CampaignId;
import io.herald.campaign.Phase;
import io.herald.tracking.EngagementClassifier.RecentClick;
import io.herald.tracking.EngagementClassifier.Verdict;
import java.time.Instant;
import java.util.List;

/**
 * Where engagement is counted and logged (Redis in production). Each contact counts once per
 * campaign, kind and verdict, in the phase its contact belongs to: {@code canary} when the campaign
 * has a canary sample and the contact is in it, {@code rest} when it has one and the contact is
 * not, {@code all} when it has none. Every method takes the account, so one account never writes
 * into or reads another's campaigns.
 */
public interface EngagementStore {
  /** What {@link #record} did. */
  sealed interface Recorded {
    /** No such campaign (any more): nothing was written. */
    record NoCampaign() implements Recorded {}

    /** This contact was counted for this kind and verdict before: nothing changed. */
    record Repeated(Phase phase, Verdict verdict) implements Recorded {}

    /**
     * Counted and logged now. The verdict may be a machine's where the caller said human: a click
     * of a burst of links another request had already recorded (see {@link #record}).
     */
    record Counted(Phase phase, Verdict verdict) implements Recorded {}
  }

  /** An entry of the account's event log. */
  record Logged(Engagement engagement, Phase phase) {}

  /**
   * Counts the engagement once per contact, campaign, kind and verdict, and logs it when counted.
   * For clicks it also keeps the "every link at once" rule consistent when two requests of one
   * burst race: a burst click demotes the contact's human click of the same burst (it no longer
   * counts as {@code clicked}, but as {@code clicked_machine}), and a human click recorded after a
   * burst of the same message within the burst window is recorded as the machine's.
   */
  Recorded record(Engagement engagement);

  /**
   * Notes a click in the message's short-lived recent-click window and returns the window's clicks
   * (this one included); empty when the campaign does not exist.
   */
  List<RecentClick> noteClick(
      AccountId account, CampaignId campaign, String contactKey, String url, Instant at);

  /** The campaign's latest logged events, newest first, from the account's capped log. */
  default List<Logged> events(AccountId account, CampaignId campaign, int limit) {
    return events(account, campaign, java.util.Optional.empty(), limit).items();
  }

  /**
   * A page of the campaign's logged events, newest first, older than the position {@code before}.
   *
   * @throws io.herald.paging.BadCursor when {@code before} is malformed, or the log was trimmed
   *     past it
   */
  io.herald.paging.Page<Logged> events(
      AccountId account, CampaignId campaign, java.util.Optional<String> before, int limit);
}
