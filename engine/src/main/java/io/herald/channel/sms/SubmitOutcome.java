package io.herald.channel.sms;

import java.time.Duration;
import java.util.List;

/**
 * What the SMSC answered to one SMS (all its parts): accepted (with the SMSC's message id of each
 * part, in order: receipts name them), deferred (try again later: a throttling or queue-full
 * answer, a dropped or unbound connection, a timeout), or refused for good (an invalid destination
 * or sender, say). Switch over it exhaustively.
 */
public sealed interface SubmitOutcome {
  /** Every part was accepted; {@code messageIds} are the SMSC's ids, one per part. */
  record Accepted(List<String> messageIds) implements SubmitOutcome {
    public Accepted {
      messageIds = List.copyOf(messageIds);
    }
  }

  /**
   * Not now: retried with backoff. {@code throttled} is true when the SMSC asked Herald to slow
   * down ({@code ESME_RTHROTTLED}, {@code ESME_RMSGQFUL}), which also lowers that connection's
   * rate.
   */
  record Deferred(String reason, boolean throttled, Duration retryNoSoonerThan)
      implements SubmitOutcome {}

  /** Not ever: {@code commandStatus} is the SMPP error code, {@code reason} says it in words. */
  record Refused(int commandStatus, String reason) implements SubmitOutcome {}
}
