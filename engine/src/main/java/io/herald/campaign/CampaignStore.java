package io.herald.campaign;

import io.herald.account.AccountId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Where campaigns, their audience snapshots, ledgers and counters are kept (Redis). */
public interface CampaignStore {
  void create(Campaign campaign);

  Optional<Campaign> find(AccountId account, CampaignId id);

  /**
   * A page of the account's campaigns, newest first, after the position {@code after}.
   *
   * @throws io.herald.paging.BadCursor when {@code after} is no position of this list
   */
  io.herald.paging.Page<Campaign> list(AccountId account, Optional<String> after, int limit);

  /** Moves the campaign from {@code expected} to {@code next}; false if it was not in expected. */
  boolean transition(AccountId account, CampaignId id, CampaignState expected, CampaignState next);

  /** Appends recipients to the snapshot (numbers assigned by the caller). */
  void addRecipients(AccountId account, CampaignId id, List<Recipient> recipients);

  /**
   * Records the snapshot's size once it is complete. Until then the campaign counts 0 recipients,
   * so it cannot look finished while its audience is still being dispatched.
   */
  void setRecipientCount(AccountId account, CampaignId id, long total);

  /**
   * Records a final outcome for a recipient exactly once and returns how many recipients now have
   * one; -1 when this recipient already had one (a reclaimed duplicate), and nothing is counted.
   */
  long recordFinal(AccountId account, CampaignId id, long number, Phase phase, String counter);

  /**
   * The same, also counting the message as sent (one attempt that reached a final outcome) in the
   * same step; a duplicate counts neither.
   */
  long recordSentFinal(AccountId account, CampaignId id, long number, Phase phase, String counter);

  /**
   * One recipient's final outcome, as {@link #recordFinal} and {@link #recordSentFinal} take it.
   */
  record Final(long number, Phase phase, String counter, boolean sent) {}

  /**
   * Several final outcomes of one campaign, each recorded exactly as {@link #recordFinal} or {@link
   * #recordSentFinal} would; returns what each of those would have returned, in order. A store that
   * can writes them all in one step (delivery records its outcomes in batches).
   */
  default List<Long> recordFinals(AccountId account, CampaignId id, List<Final> finals) {
    List<Long> recorded = new ArrayList<>(finals.size());
    for (Final f : finals) {
      recorded.add(
          f.sent()
              ? recordSentFinal(account, id, f.number(), f.phase(), f.counter())
              : recordFinal(account, id, f.number(), f.phase(), f.counter()));
    }
    return recorded;
  }

  /**
   * What a worker needs before sending one message, read in one step: the campaign's state, the
   * recipient's outcome in the ledger if it has one ({@code outcome}; {@code alreadyFinal} says
   * whether there is one), the recipient, and whether the contact is suppressed now (an unsubscribe
   * or a hard bounce since the snapshot stops the send).
   */
  record SendCheck(
      Optional<CampaignState> state,
      Optional<String> outcome,
      Optional<Recipient> recipient,
      boolean suppressed) {

    public SendCheck(
        Optional<CampaignState> state,
        boolean alreadyFinal,
        Optional<Recipient> recipient,
        boolean suppressed) {
      this(state, alreadyFinal ? Optional.of("") : Optional.empty(), recipient, suppressed);
    }

    public boolean alreadyFinal() {
      return outcome.isPresent();
    }
  }

  SendCheck check(AccountId account, CampaignId id, long number);

  /**
   * {@link #check} for several recipients of one campaign, in order; a store that can reads them
   * all in one step (delivery claims its work in batches).
   */
  default List<SendCheck> checkAll(AccountId account, CampaignId id, List<Long> numbers) {
    List<SendCheck> checks = new ArrayList<>(numbers.size());
    for (long number : numbers) {
      checks.add(check(account, id, number));
    }
    return checks;
  }

  void count(AccountId account, CampaignId id, Phase phase, String counter);

  /** Adds {@code by} to a counter (an SMS's parts, say) in one step. */
  void countBy(AccountId account, CampaignId id, Phase phase, String counter, long by);

  CampaignStats stats(AccountId account, CampaignId id);

  /** Number of recipients with a final outcome. */
  long finals(AccountId account, CampaignId id);

  /**
   * A bounce that arrived by mail (a DSN) after the remote server had accepted the message: the
   * recipient's final outcome becomes {@code counter} (e.g. {@code bounced_hard}) in its phase, and
   * the {@code delivered} count it had goes down by one. With no outcome yet (still being retried)
   * the bounce becomes its final outcome. False, and nothing changes, when the recipient already
   * had another outcome than delivered: a second DSN for one message, or one for a message never
   * sent.
   */
  boolean recordLateBounce(AccountId account, CampaignId id, long number, String counter);

  /**
   * The general form of {@link #recordLateBounce}: a report that arrived after the send (an SMS
   * delivery receipt, say) moves the recipient's final outcome from {@code expected} (e.g. {@code
   * submitted}: the SMSC accepted it) to {@code counter} (e.g. {@code delivered}), in its phase.
   * With no outcome yet, {@code counter} becomes its final outcome and the message counts as sent
   * (a receipt can overtake the record of its own submission, which then finds the outcome and
   * counts nothing — neither the outcome nor the send). False, and nothing changes, when the
   * recipient's outcome is already something else (a second receipt, say) or already {@code
   * counter}, or when the campaign no longer exists (its account was deleted: nothing is written
   * for it). A recipient waiting for a fallback ({@code fallback_pending}: a Viber message Viber
   * could not deliver, before its SMS is sent) takes any later outcome: the fallback SMS's receipt
   * that overtook the record of its submission, or a late Viber delivery that makes the fallback
   * needless.
   */
  boolean recordLateOutcome(
      AccountId account, CampaignId id, long number, String expected, String counter);

  /**
   * Counts {@code counter} once for recipient {@code number} of the campaign, in the recipient's
   * phase (as {@link #recordLateOutcome} finds it), however many times it is called: true only the
   * first time. For what is not an outcome but happens at most once per recipient (a Viber message
   * seen, a fallback to SMS, a sender blocked). False, and nothing is written, when the campaign no
   * longer exists.
   */
  boolean countOnce(AccountId account, CampaignId id, long number, String counter);

  /** One recipient's late outcome, as {@link #recordLateOutcome} takes it. */
  record LateOutcome(long number, String expected, String counter) {}

  /**
   * {@link #recordLateOutcome} for several recipients of one campaign at once (a store should make
   * it one round trip: SMS receipts come by the thousand); whether each moved, in order.
   */
  default List<Boolean> recordLateOutcomes(
      AccountId account, CampaignId id, List<LateOutcome> outcomes) {
    List<Boolean> moved = new ArrayList<>(outcomes.size());
    for (LateOutcome o : outcomes) {
      moved.add(recordLateOutcome(account, id, o.number(), o.expected(), o.counter()));
    }
    return moved;
  }
}
