package io.herald.channel.sms.smpp;

import io.herald.channel.sms.SubmitOutcome;
import java.time.Duration;
import java.util.Map;

/**
 * What a non-zero {@code command_status} in a {@code submit_sm_resp} means for the SMS: the SMSC
 * asks Herald to slow down (retry later, and lower this connection's rate), a temporary failure
 * (retry later), or a permanent refusal of this message (retrying the same PDU cannot succeed). A
 * status not in the table is treated as temporary: a retry costs little, a wrong refusal loses a
 * message. The bind statuses are here only for their names, which the reconnect log shows.
 */
final class SubmitStatus {
  /** How Herald treats a status. */
  enum Kind {
    THROTTLED,
    TEMPORARY,
    PERMANENT
  }

  /** One row of the table: the SMPP 3.4 name and how it is treated. */
  record Meaning(String name, Kind kind) {}

  /** A throttled SMS waits at least this long; the connection's own rate slows it further. */
  static final Duration THROTTLED_RETRY = Duration.ofSeconds(1);

  /** A temporary failure waits at least this long. */
  static final Duration TEMPORARY_RETRY = Duration.ofSeconds(10);

  private static final Map<Integer, Meaning> TABLE =
      Map.ofEntries(
          row(0x58, "ESME_RTHROTTLED", Kind.THROTTLED),
          row(0x14, "ESME_RMSGQFUL", Kind.THROTTLED),
          row(0x08, "ESME_RSYSERR", Kind.TEMPORARY),
          row(0x45, "ESME_RSUBMITFAIL", Kind.TEMPORARY),
          row(0x04, "ESME_RINVBNDSTS", Kind.TEMPORARY),
          row(0x64, "ESME_RX_T_APPN", Kind.TEMPORARY),
          row(0xFE, "ESME_RDELIVERYFAILURE", Kind.TEMPORARY),
          row(0xFF, "ESME_RUNKNOWNERR", Kind.TEMPORARY),
          row(0x05, "ESME_RALYBND", Kind.TEMPORARY),
          row(0x0D, "ESME_RBINDFAIL", Kind.TEMPORARY),
          row(0x0E, "ESME_RINVPASWD", Kind.TEMPORARY),
          row(0x0F, "ESME_RINVSYSID", Kind.TEMPORARY),
          row(0x01, "ESME_RINVMSGLEN", Kind.PERMANENT),
          row(0x07, "ESME_RINVREGDLVFLG", Kind.PERMANENT),
          row(0x0A, "ESME_RINVSRCADR", Kind.PERMANENT),
          row(0x0B, "ESME_RINVDSTADR", Kind.PERMANENT),
          row(0x15, "ESME_RINVSERTYP", Kind.PERMANENT),
          row(0x43, "ESME_RINVESMCLASS", Kind.PERMANENT),
          row(0x48, "ESME_RINVSRCTON", Kind.PERMANENT),
          row(0x49, "ESME_RINVSRCNPI", Kind.PERMANENT),
          row(0x50, "ESME_RINVDSTTON", Kind.PERMANENT),
          row(0x51, "ESME_RINVDSTNPI", Kind.PERMANENT),
          row(0x62, "ESME_RINVEXPIRY", Kind.PERMANENT),
          row(0x65, "ESME_RX_P_APPN", Kind.PERMANENT),
          row(0x66, "ESME_RX_R_APPN", Kind.PERMANENT),
          row(0x103, "ESME_RPROHIBITED", Kind.PERMANENT),
          row(0x104, "ESME_RINVDCS", Kind.PERMANENT));

  private SubmitStatus() {}

  static Meaning of(int commandStatus) {
    Meaning known = TABLE.get(commandStatus);
    return known != null ? known : new Meaning("unknown", Kind.TEMPORARY);
  }

  /** The status in words, e.g. {@code ESME_RINVDSTADR (0x0000000b)}. */
  static String describe(int commandStatus) {
    return of(commandStatus).name() + " (0x" + String.format("%08x", commandStatus) + ")";
  }

  /** The SMS's outcome when one of its parts got this status. */
  static SubmitOutcome outcome(int commandStatus) {
    String reason = "SMSC answered " + describe(commandStatus);
    return switch (of(commandStatus).kind()) {
      case THROTTLED -> new SubmitOutcome.Deferred(reason, true, THROTTLED_RETRY);
      case TEMPORARY -> new SubmitOutcome.Deferred(reason, false, TEMPORARY_RETRY);
      case PERMANENT -> new SubmitOutcome.Refused(commandStatus, reason);
    };
  }

  private static Map.Entry<Integer, Meaning> row(int status, String name, Kind kind) {
    return Map.entry(status, new Meaning(name, kind));
  }
}
