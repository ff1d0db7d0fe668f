package io.herald.channel.viber.vonage;

import io.herald.channel.viber.ViberReport;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The statuses a poll already returned (message id and state), so that the Reports API's window,
 * which overlaps from one poll to the next, gives each one once. Bounded: the oldest are forgotten
 * first, and a forgotten one coming again is harmless (reports are idempotent downstream).
 */
final class PolledReports {
  private final Map<String, Boolean> seen;

  PolledReports(int capacity) {
    this.seen =
        new LinkedHashMap<>(1024, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  /** Whether this is the first time the report is seen (and remembers it). */
  synchronized boolean first(ViberReport report) {
    return seen.putIfAbsent(report.messageId() + "\n" + report.state(), Boolean.TRUE) == null;
  }
}
