package io.herald.channel.sms;

import io.herald.account.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where Herald remembers, between an SMSC accepting an SMS and its delivery receipts, which
 * recipient each SMSC message id belongs to (Redis in production; keys in {@code
 * docs/redis-keys.md}). It decides a message's outcome from its parts' receipts (see {@link
 * SmsOutcome} for the order), once: each decision is returned exactly once by {@link #expect},
 * {@link #receipt} or {@link #dueForTimeout}, and returned again by {@link #dueForTimeout} only if
 * it was not {@link #settled} within a few minutes (its node died while applying it), so the caller
 * must apply a decision idempotently. Every record expires: nothing grows for ever.
 */
public interface SmsReceiptStore {
  /**
   * A message's outcome: {@code message} is its key (the SMSC id of its first part), {@code error}
   * the SMSC's error code of the part that decided it ({@code ""} when none), {@code timedOut} true
   * when the deadline passed before every part had a final receipt.
   */
  record Decided(String message, SmsRef ref, SmsOutcome outcome, String error, boolean timedOut) {
    public Decided {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(ref, "ref");
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(error, "error");
    }
  }

  /** A reply a phone sent to a message of the account, as logged. */
  record Reply(SmsRef answered, MobileReply reply, boolean optOut) {
    public Reply {
      Objects.requireNonNull(answered, "answered");
      Objects.requireNonNull(reply, "reply");
    }
  }

  /**
   * The SMSC accepted {@code ref}'s message as these parts (their SMSC ids, in order): receipts for
   * them will be matched to {@code ref} until some time after {@code receiptDeadline}, after which
   * a message without a final receipt for every part is decided by {@link #dueForTimeout}. Also
   * records the message as the latest to its phone from its sender (for {@link #lastMessage}).
   * Receipts that arrived for these ids before this call are applied now; if they decide the
   * message, the decision is returned. Calling it again with the same ids changes nothing.
   */
  Optional<Decided> expect(List<String> messageIds, SmsRef ref, Instant receiptDeadline);

  /**
   * Applies a receipt: an interim state changes nothing; a final one for a known id records that
   * part's outcome and returns the message's decision when it was the last part missing. A
   * duplicate, or a receipt after the message was decided (late, or after its deadline), changes
   * nothing. A receipt for an id not (yet) expected is kept for a while, for an {@link #expect}
   * that may follow.
   */
  Optional<Decided> receipt(DeliveryReceipt receipt);

  /**
   * Up to {@code max} messages whose deadline is past {@code now}: those still undecided are
   * decided now (the worst failure a part reported, else {@link SmsOutcome#UNKNOWN}); also
   * decisions that were never {@link #settled}. Safe on every node at once: each is returned to one
   * caller, and again only if not settled within a few minutes.
   */
  List<Decided> dueForTimeout(Instant now, int max);

  /** The decision was applied: {@link #dueForTimeout} will not return it again. */
  default void settled(Decided decided) {
    settled(decided, false);
  }

  /**
   * The decision was applied ({@link #settled(Decided)}); with {@code clearUndeliverable} its
   * phone's count of undeliverable outcomes also starts again ({@link #clearUndeliverable}), in the
   * same step: a delivery settled costs one round trip, not two.
   */
  void settled(Decided decided, boolean clearUndeliverable);

  /**
   * The most recent message to {@code phone} (E.164) from {@code senderAddress} (a sender ID or
   * number, compared without a leading {@code +} and ignoring case) within the last weeks.
   */
  Optional<SmsRef> lastMessage(String phone, String senderAddress);

  /**
   * Counts one more undeliverable outcome for the account's messages to {@code phone}, and returns
   * how many there have been since the last delivery (forgotten some weeks after the last failure).
   */
  long countUndeliverable(AccountId account, String phone);

  /** A message to {@code phone} was delivered: its count of undeliverable outcomes starts again. */
  void clearUndeliverable(AccountId account, String phone);

  /** Keeps a reply in its account's log (bounded: the oldest go first). */
  void logReply(Reply reply);

  /** The account's latest logged replies, newest first. */
  List<Reply> replies(AccountId account, int limit);
}
