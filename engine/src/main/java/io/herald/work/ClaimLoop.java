package io.herald.work;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop of a worker that claims from a durable queue: claim as many entries as there are free
 * slots, handle each on a virtual thread of its own (the slot is freed when it ends), take over the
 * entries of dead consumers every so many rounds, and pause while the queue is empty unless {@link
 * #nudge() nudged}. An entry whose handling throws is left unacknowledged, for the queue to hand
 * out again after its idle time; a failing claim is logged and retried after a pause. The
 * transactional worker and the webhook dispatcher both run on one.
 */
public final class ClaimLoop<T> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClaimLoop.class);

  /** Where a loop's entries come from. */
  public interface Source<T> {
    /** Housekeeping at the start of every round (say, moving due retries back). */
    default void beforeRound() {}

    /** Entries of consumers that died, up to {@code max}. */
    List<T> reclaim(int max);

    /** New entries, up to {@code max}; empty when there are none now. */
    List<T> claim(int max);
  }

  /** How often a loop looks: the pause when idle, and every how many rounds it reclaims. */
  public record Pace(Duration idlePause, int reclaimEveryRounds) {}

  private final String name;
  private final int concurrency;
  private final Source<T> source;
  private final Consumer<T> handler;
  private final Function<T, String> label;
  private final Pace pace;
  private final Semaphore slots;
  private final Semaphore wake = new Semaphore(0);
  private final Thread loop;
  private volatile boolean running = true;

  /**
   * Starts the loop.
   *
   * @param handler handles one entry (acknowledging it is its business)
   * @param label names an entry in the log (an id, never personal data)
   */
  public ClaimLoop(
      String name,
      int concurrency,
      Pace pace,
      Source<T> source,
      Consumer<T> handler,
      Function<T, String> label) {
    this.name = name;
    this.concurrency = concurrency;
    this.source = source;
    this.handler = handler;
    this.label = label;
    this.pace = pace;
    this.slots = new Semaphore(concurrency);
    this.loop = Thread.ofVirtual().name(name).start(this::run);
  }

  /** Looks at the queue at once instead of after the idle pause (entries were just written). */
  public void nudge() {
    if (wake.availablePermits() == 0) {
      wake.release();
    }
  }

  private void run() {
    long round = 0;
    while (running) {
      try {
        source.beforeRound();
        if (round++ % pace.reclaimEveryRounds() == 0) {
          source.reclaim(concurrency).forEach(this::start);
        }
        slots.acquire(); // wait for a free slot, then claim as many as there are free slots
        slots.release();
        List<T> claimed = source.claim(Math.max(1, slots.availablePermits()));
        claimed.forEach(this::start);
        if (claimed.isEmpty()) {
          wake.tryAcquire(pace.idlePause().toMillis(), TimeUnit.MILLISECONDS);
          wake.drainPermits();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | Error e) {
        // An Error too (a class missing at run time, say): a loop that died would stop this
        // node's work silently, with nothing failing that anyone sees.
        if (running) {
          log.error("{}: {}; retrying", name, e.toString(), e);
          pause();
        }
      }
    }
  }

  private void start(T entry) {
    slots.acquireUninterruptibly();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                handler.accept(entry);
              } catch (RuntimeException | Error e) {
                // Left unacknowledged: this node or another takes it over after the idle time.
                log.warn("{}: {} failed: {}", name, label.apply(entry), e.toString());
              } finally {
                slots.release();
              }
            });
  }

  private void pause() {
    try {
      Thread.sleep(pace.idlePause().multipliedBy(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops claiming and waits (up to {@code inFlight}) for the entries being handled. */
  public void close(Duration inFlight) {
    running = false;
    wake.release();
    try {
      loop.join(Duration.ofSeconds(2));
      if (slots.tryAcquire(concurrency, inFlight.toMillis(), TimeUnit.MILLISECONDS)) {
        slots.release(concurrency);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(15));
  }
}
