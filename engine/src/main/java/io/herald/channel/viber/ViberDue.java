package io.herald.channel.viber;

import java.time.Instant;
import java.util.List;

/**
 * Viber messages that must be looked at again by a time if nothing else settles them: one the
 * provider accepted whose reports never came (after its validity it counts as expired, and its SMS
 * fallback goes), and one waiting for its fallback SMS (if the fallback's work item was lost with
 * its node, it is queued again). Shared by every node (Redis in production).
 */
public interface ViberDue {
  /** Look at {@code messageId} again at {@code at} (replacing an earlier time). */
  void expect(String messageId, Instant at);

  /** Nothing more to look at for {@code messageId}. */
  void settle(String messageId);

  /**
   * Up to {@code max} message ids whose time is past {@code now}, each taken by one caller: it
   * comes back to a caller only if not {@link #settle settled} or {@link #expect expected} again
   * within {@code retakeAfter} (its node died while looking).
   */
  List<String> take(Instant now, int max, java.time.Duration retakeAfter);
}
