package io.herald.webhook;

import io.herald.account.AccountId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where endpoints, the outbox of events to post, the retry schedule and the delivery logs are kept
 * (Redis; see {@code docs/redis-keys.md}). The outbox is shared by every node: a task is claimed by
 * one node, and a task claimed by a node that died is taken over by another.
 */
public interface WebhookStore {
  void save(Endpoint endpoint);

  /** The account's endpoints, oldest first. */
  List<Endpoint> endpoints(AccountId account);

  Optional<Endpoint> endpoint(AccountId account, String id);

  /** Deletes the endpoint and its log; false when there was none. */
  boolean delete(AccountId account, String id);

  /** Appends tasks to the outbox in one round trip. */
  void enqueue(List<Task> tasks);

  /** A task taken from the outbox by this node; {@code handle} acknowledges it. */
  record Claimed(String handle, Task task) {}

  /** Up to {@code max} new tasks for this consumer; does not wait. */
  List<Claimed> claim(String consumer, int max);

  /** Tasks another consumer claimed over {@code idle} ago and never finished. */
  List<Claimed> reclaim(String consumer, Duration idle, int max);

  /** The task is finished (delivered, given up, or its endpoint is gone). */
  void done(Claimed claimed);

  /** Finishes the claimed task and schedules {@code next} for {@code due}, in one step. */
  void retryLater(Claimed claimed, Task next, Instant due);

  /** Moves retries due by {@code now} back into the outbox; returns how many. */
  int releaseDue(Instant now, int max);

  /** Tasks in the outbox or scheduled for a retry (status and tests). */
  long backlog();

  /** Appends to the endpoint's log, which keeps only the latest {@code keep} entries. */
  void log(AccountId account, String endpointId, Attempt attempt, int keep);

  /** A page of a log, newest first; {@code next} continues after its last entry. */
  record LogPage(List<Attempt> attempts, Optional<String> next) {}

  /**
   * Up to {@code limit} log entries, newest first, after the cursor a previous page returned; empty
   * when the cursor is not one.
   */
  Optional<LogPage> log(AccountId account, String endpointId, Optional<String> cursor, int limit);
}
