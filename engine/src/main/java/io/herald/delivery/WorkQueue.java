package io.herald.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The durable queue of messages to deliver, shared by every node (a Redis Stream with a consumer
 * group in production). A claimed item stays pending until acknowledged; items held by a node that
 * died are reclaimed by another after {@code idle}. Deferred items wait in a retry schedule and
 * come back when due.
 */
public interface WorkQueue extends AutoCloseable {
  void enqueue(List<WorkItem> items);

  /** Up to {@code max} new items for this consumer, waiting at most {@code wait} for some. */
  List<Claimed> claim(String consumer, int max, Duration wait);

  /** Items other consumers claimed and left idle for at least {@code idle}: theirs died. */
  List<Claimed> reclaim(String consumer, Duration idle, int max);

  /** Done with an item (whatever its outcome): it leaves the queue for good. */
  void acknowledge(Claimed claimed);

  /** {@link #acknowledge} for several items; a queue that can does it in one step. */
  default void acknowledge(List<Claimed> claimed) {
    claimed.forEach(this::acknowledge);
  }

  /** Acknowledges now and queues {@code next} again at {@code due}. */
  void retryLater(Claimed claimed, WorkItem next, Instant due);

  /** Moves retries that are due by {@code now} back into the queue; safe on every node. */
  int releaseDue(Instant now, int max);

  /** Items waiting or pending, for status and tests. */
  long backlog();

  /** A claimed item and the queue's handle on it. */
  record Claimed(String handle, WorkItem item) {}

  @Override
  default void close() {}
}
