package io.herald.delivery.smtp;

import io.herald.delivery.smtp.MxResolver.MxAnswer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Remembers MX answers for their DNS TTL, clamped to {@code [minTtl, maxTtl]} so that a zero TTL
 * does not mean a lookup per message and a week-long one does not outlive a change. Temporary
 * failures are not remembered. Time comes from the injected clock; when the cache holds more than
 * {@code maxEntries} domains, expired entries are dropped, then everything if that is not enough.
 */
public final class MxCache {
  private final MxResolver resolver;
  private final Clock clock;
  private final Duration minTtl;
  private final Duration maxTtl;
  private final int maxEntries;
  private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

  public MxCache(
      MxResolver resolver, Clock clock, Duration minTtl, Duration maxTtl, int maxEntries) {
    this.resolver = resolver;
    this.clock = clock;
    this.minTtl = minTtl;
    this.maxTtl = maxTtl;
    this.maxEntries = maxEntries;
  }

  public MxAnswer resolve(String domain) {
    Instant now = clock.instant();
    Entry cached = entries.get(domain);
    if (cached != null && now.isBefore(cached.expires())) {
      return cached.answer();
    }
    MxAnswer answer = resolver.lookup(domain);
    Duration ttl =
        switch (answer) {
          case MxAnswer.Hosts h -> h.ttl();
          case MxAnswer.NoSuchDomain n -> n.ttl();
          case MxAnswer.NullMx n -> n.ttl();
          case MxAnswer.TemporaryFailure f -> null;
        };
    if (ttl == null) {
      entries.remove(domain);
      return answer;
    }
    if (entries.size() >= maxEntries) {
      entries.values().removeIf(e -> !now.isBefore(e.expires()));
      if (entries.size() >= maxEntries) {
        entries.clear();
      }
    }
    entries.put(domain, new Entry(answer, now.plus(clamp(ttl))));
    return answer;
  }

  private Duration clamp(Duration ttl) {
    return ttl.compareTo(minTtl) < 0 ? minTtl : ttl.compareTo(maxTtl) > 0 ? maxTtl : ttl;
  }

  private record Entry(MxAnswer answer, Instant expires) {}
}
