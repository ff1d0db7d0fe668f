package io.herald.work;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which nodes are alive, so that the work a dead node held is taken over within seconds rather than
 * after {@code delivery.reclaimAfter}. Every node writes a heartbeat that expires after {@link
 * Timing#ttl} every {@link Timing#every}; a queue consumer whose heartbeat is missing is dead once
 * this node has seen it missing for {@link Timing#confirm} while its own heartbeats kept going in.
 * The confirmation keeps a Redis outage (every heartbeat expires; when Redis is back, each node
 * beats again within a second) from looking like every other node died. A consumer this node never
 * saw beat is judged the same way. Thread-safe; the heartbeat runs on a platform thread of its own,
 * so that busy virtual threads cannot delay it.
 */
public final class NodeLiveness implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NodeLiveness.class);
  private static final int MAX_TRACKED = 10_000;

  /** How often a node beats, how long a beat lasts, how long a missing beat must stay missing. */
  public record Timing(Duration every, Duration ttl, Duration confirm) {
    public static final Timing DEFAULT =
        new Timing(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(3));

    public Timing {
      if (ttl.compareTo(every.multipliedBy(2)) < 0) {
        throw new IllegalArgumentException("a heartbeat must outlive two beats");
      }
    }
  }

  /** Where heartbeats are kept: shared by all nodes (Redis). */
  public interface Beats {
    void beat(String node, Duration ttl);

    /** The nodes of {@code nodes} whose heartbeat has not expired. */
    Set<String> alive(Collection<String> nodes);

    /** This node stops: its heartbeat goes at once, so others take over what it left. */
    void forget(String node);
  }

  private final Beats beats;
  private final String self;
  private final Timing timing;
  private final LongSupplier nanos;
  private final Map<String, Long> missingSince = new HashMap<>();
  private final Thread beating;
  private volatile boolean everFailed;
  private volatile long lastFailure;
  private volatile boolean running = true;

  /** Starts beating for {@code self}. */
  public NodeLiveness(Beats beats, String self, Timing timing, LongSupplier nanos) {
    this.beats = Objects.requireNonNull(beats, "beats");
    this.self = Objects.requireNonNull(self, "self");
    this.timing = Objects.requireNonNull(timing, "timing");
    this.nanos = Objects.requireNonNull(nanos, "nanos");
    this.beating = Thread.ofPlatform().daemon().name("heartbeat-" + self).start(this::beatLoop);
  }

  public NodeLiveness(Beats beats, String self) {
    this(beats, self, Timing.DEFAULT, System::nanoTime);
  }

  /**
   * The consumers of {@code consumers} (other than this node) that are dead: their heartbeat has
   * been missing for the confirmation time, during which this node's own beats succeeded.
   */
  public synchronized Set<String> dead(Collection<String> consumers) {
    Set<String> others = new HashSet<>(consumers);
    others.remove(self);
    if (missingSince.size() > MAX_TRACKED) {
      missingSince.clear(); // dead consumers leave their groups; this only bounds the memory
    }
    if (others.isEmpty()) {
      return Set.of();
    }
    Set<String> alive = beats.alive(others);
    long now = nanos.getAsLong();
    Set<String> dead = new HashSet<>();
    for (String node : others) {
      if (alive.contains(node)) {
        missingSince.remove(node);
        continue;
      }
      long since = missingSince.computeIfAbsent(node, n -> now);
      // Our own beats failed since then: Redis may have been away for everyone, look again.
      if (everFailed && lastFailure - since >= 0) {
        missingSince.put(node, now);
      } else if (now - since >= timing.confirm().toNanos()) {
        dead.add(node);
      }
    }
    return dead;
  }

  private void beatLoop() {
    long every = timing.every().toNanos();
    while (running) {
      try {
        beats.beat(self, timing.ttl());
      } catch (RuntimeException e) {
        lastFailure = nanos.getAsLong();
        everFailed = true;
        log.warn("heartbeat of {} failed: {}", self, e.toString());
      }
      LockSupport.parkNanos(every);
    }
  }

  @Override
  public void close() {
    running = false;
    beating.interrupt();
    try {
      beating.join(timing.every().multipliedBy(2).toMillis());
      beats.forget(self);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("could not remove the heartbeat of {}: {}", self, e.toString());
    }
  }
}
