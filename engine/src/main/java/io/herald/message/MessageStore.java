package io.herald.message;

import io.herald.account.AccountId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where transactional messages, their per-recipient states, Idempotency-Keys and templates are kept
 * (Redis in production; every key of an account in its hash tag). {@link #create} writes the
 * message and queues one work item per recipient in one atomic step: when it returns, the message
 * is durable and will be delivered.
 */
public interface MessageStore {
  /**
   * An Idempotency-Key (hashed by the store), the request's fingerprint, and how long to keep it.
   */
  record Idempotency(String key, String fingerprint, Duration keep) {}

  /** What {@link #create} did. */
  sealed interface Created {
    MessageId id();

    /** Written and queued. */
    record Fresh(MessageId id) implements Created {}

    /** The key was used before for the same request: {@code id} is the earlier message's. */
    record Replayed(MessageId id) implements Created {}

    /** The key was used before for a different request: nothing written. */
    record Mismatch(MessageId id) implements Created {}
  }

  /** One page of an account's messages, newest first, and the cursor of the next if any. */
  record Page(List<MessageStatus> messages, Optional<MessageId> next) {}

  /**
   * Writes the message with every recipient {@code queued} and queues their work items, unless the
   * Idempotency-Key was seen before (then nothing is written). Messages older than {@code
   * retention} leave the account's index.
   */
  Created create(
      AccountId account,
      StoredMessage message,
      Optional<Idempotency> idempotency,
      Duration retention);

  Optional<StoredMessage> find(AccountId account, MessageId id);

  Optional<MessageStatus> status(AccountId account, MessageId id);

  /** One recipient's state (recipients are numbered from 0 in the message's order). */
  Optional<DeliveryState> state(AccountId account, MessageId id, int recipient);

  /**
   * Up to {@code limit} messages, newest first, starting after {@code after}; empty when {@code
   * after} is not (or no longer) one of the account's messages.
   */
  Optional<Page> page(AccountId account, Optional<MessageId> after, int limit);

  /**
   * Records what a later report (an asynchronous DSN) says of one recipient, even over {@code
   * delivered}; false when there is no such message or recipient.
   */
  boolean recordLate(AccountId account, MessageId id, int recipient, DeliveryState state);

  /**
   * Records {@code next} for one recipient only while its state is still named {@code from} (an SMS
   * receipt moves {@code submitted} once: a second receipt, or one racing it, changes nothing); the
   * account's counters move with it. True when it moved.
   */
  boolean advance(AccountId account, MessageId id, int recipient, String from, DeliveryState next);

  void putTemplate(AccountId account, StoredTemplate template);

  Optional<StoredTemplate> findTemplate(AccountId account, String name);

  /** A page of the account's templates by name, after the name {@code after}. */
  io.herald.paging.Page<StoredTemplate> templates(
      AccountId account, Optional<String> after, int limit);
}
