package io.herald.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Group commit: many threads each hand over a record to write, and the records that gathered while
 * a previous batch was being written go out together, in one call of the {@link Writer} (for Redis:
 * one round trip). Each caller returns once its own batch was written, with its own result, or with
 * the batch's failure: a failed batch fails every caller in it, and none other. There is no timer
 * and no thread of its own: the first caller that finds no batch in flight writes the queue (its
 * own record and everyone else's), then the next batch if one gathered meanwhile; so an idle caller
 * pays one round trip, as without batching, and under load one round trip carries many. Records are
 * written in the order they were handed over, batch after batch, never two batches at once.
 * Thread-safe; meant for virtual threads and any thread that may block on the write.
 *
 * @param <T> what a caller writes
 * @param <R> what the write answers each caller
 */
public final class GroupCommit<T, R> implements AutoCloseable {
  /** Writes a batch at once and answers each record, in order (as many answers as records). */
  @FunctionalInterface
  public interface Writer<T, R> {
    List<R> write(List<T> batch);
  }

  /** Thrown to a caller whose batch failed (or that came after {@link #close}). */
  public static final class Failed extends IllegalStateException {
    Failed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private record Entry<T, R>(T record, CompletableFuture<R> result, Thread waiter) {}

  private final int maxBatch;
  private final Writer<T, R> writer;
  private final ConcurrentLinkedQueue<Entry<T, R>> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean writing = new AtomicBoolean();
  private volatile boolean closed;

  /**
   * @param maxBatch the most records in one write (a larger queue goes out in several)
   * @param writer writes a batch; called by one thread at a time
   */
  public GroupCommit(int maxBatch, Writer<T, R> writer) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("a batch holds at least one record: " + maxBatch);
    }
    this.maxBatch = maxBatch;
    this.writer = Objects.requireNonNull(writer, "writer");
  }

  /** Writes the record with whatever else is waiting, and returns its answer once written. */
  public R commit(T record) {
    CompletableFuture<R> result = enqueue(record);
    waitFor(result);
    return answer(result);
  }

  /** Writes the records (in one batch when they fit) and returns their answers, in order. */
  public List<R> commitAll(List<T> records) {
    List<CompletableFuture<R>> results = new ArrayList<>(records.size());
    for (T record : records) {
      results.add(enqueue(record));
    }
    List<R> answers = new ArrayList<>(records.size());
    for (CompletableFuture<R> result : results) {
      waitFor(result);
      answers.add(answer(result));
    }
    return answers;
  }

  private CompletableFuture<R> enqueue(T record) {
    CompletableFuture<R> result = new CompletableFuture<>();
    if (closed) {
      result.completeExceptionally(new Failed("closed: nothing more is written", null));
      return result;
    }
    queue.add(
        new Entry<>(Objects.requireNonNull(record, "record"), result, Thread.currentThread()));
    return result;
  }

  /**
   * Waits until the record is written, writing batches meanwhile whenever no one else is: a caller
   * writes until its own record is, then hands the queue to the caller at its head, so no caller
   * keeps writing for the others for ever. A caller that finds another writing parks; it is woken
   * when its record was written or when the queue is handed to it. The writer looks at the queue
   * after letting go of it, so an entry added before that look is handed over, and one added after
   * finds no one writing.
   */
  private void waitFor(CompletableFuture<R> own) {
    boolean interrupted = false;
    while (!own.isDone()) {
      if (!queue.isEmpty() && writing.compareAndSet(false, true)) {
        try {
          write(nextBatch());
        } finally {
          writing.set(false);
        }
        Entry<T, R> head = queue.peek();
        if (head != null) {
          LockSupport.unpark(head.waiter());
        }
      } else if (!own.isDone()) {
        LockSupport.park(this);
        // The record is written whatever happens: an interrupted caller still waits for it.
        interrupted |= Thread.interrupted();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private List<Entry<T, R>> nextBatch() {
    List<Entry<T, R>> batch = new ArrayList<>();
    for (Entry<T, R> e; batch.size() < maxBatch && (e = queue.poll()) != null; ) {
      batch.add(e);
    }
    return batch;
  }

  private R answer(CompletableFuture<R> result) {
    try {
      return result.join();
    } catch (CompletionException | CancellationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof Failed failed) {
        throw failed;
      }
      throw new Failed("the batch was not written: " + cause.getMessage(), cause);
    }
  }

  private void write(List<Entry<T, R>> batch) {
    List<R> answers;
    try {
      answers = writer.write(batch.stream().map(Entry::record).toList());
      if (answers.size() != batch.size()) {
        throw new IllegalStateException(answers.size() + " answers to a batch of " + batch.size());
      }
    } catch (RuntimeException | Error e) {
      Failed failed = new Failed("a batch of " + batch.size() + " failed: " + e.getMessage(), e);
      for (Entry<T, R> entry : batch) {
        entry.result().completeExceptionally(failed);
        LockSupport.unpark(entry.waiter());
      }
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).result().complete(answers.get(i));
      LockSupport.unpark(batch.get(i).waiter());
    }
  }

  /** How many records wait for a batch (for tests). */
  int waiting() {
    return queue.size();
  }

  /** Refuses records from now on, and writes those already handed over before returning. */
  @Override
  public void close() {
    closed = true;
    while (!queue.isEmpty() || writing.get()) {
      if (!queue.isEmpty() && writing.compareAndSet(false, true)) {
        try {
          write(nextBatch());
        } finally {
          writing.set(false);
        }
      } else {
        Thread.onSpinWait(); // another caller is writing a batch: it ends in one round trip
      }
    }
  }
}
