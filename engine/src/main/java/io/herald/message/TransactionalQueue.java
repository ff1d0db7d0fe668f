package io.herald.message;

import io.herald.account.AccountId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * The durable queue of transactional copies to deliver, apart from the campaigns' queue so that a
 * large campaign never holds up a password reset. {@link MessageStore#create} fills it; workers on
 * every node claim from it. A claimed item stays pending until finished or deferred; items of a
 * node that died are reclaimed after an idle time. Recording a recipient's state and acknowledging
 * its item are one atomic step.
 */
public interface TransactionalQueue extends AutoCloseable {
  /** One recipient's copy of a message, on its {@code attempt}-th try. */
  record Item(
      AccountId account, MessageId message, int recipient, int attempt, Instant firstQueuedAt) {
    public Item nextAttempt() {
      return new Item(account, message, recipient, attempt + 1, firstQueuedAt);
    }
  }

  /** A claimed item and the queue's handle on it. */
  record Claimed(String handle, Item item) {}

  /** Up to {@code max} items for this consumer; deferred items due by {@code now} come back. */
  default List<Claimed> claim(String consumer, int max, Instant now) {
    return claim(consumer, max, now, account -> false);
  }

  /**
   * The same, leaving the queues of the accounts {@code skip} names alone (frozen ones): their
   * items wait where they are, and cost nothing while they wait.
   */
  List<Claimed> claim(String consumer, int max, Instant now, Predicate<AccountId> skip);

  /** Items other consumers claimed and left idle for at least {@code idle}: theirs died. */
  List<Claimed> reclaim(String consumer, Duration idle, int max);

  /**
   * Records a final state unless the recipient already has one, and acknowledges the item; true
   * when the state was recorded.
   */
  boolean finish(Claimed claimed, DeliveryState state);

  /** Records the deferral and queues {@code next} again at {@code state.nextTry()}. */
  void defer(Claimed claimed, DeliveryState.Deferred state, Item next);

  /**
   * Puts a frozen account's item aside until {@code until} (or {@link #releaseHeld}), with the same
   * attempt and no state recorded: it is neither lost nor failed, and a worker looks at it again
   * then.
   */
  void hold(Claimed claimed, Instant until);

  /** Brings every item held for the account back at once (the account was unfrozen). */
  void releaseHeld(AccountId account);

  /** How many of the account's items are held. */
  long held(AccountId account);

  /** Items waiting, pending, scheduled or held, for tests and status. */
  long backlog();

  @Override
  default void close() {}
}
