package io.herald.channel.viber.sim;

import java.time.Instant;

/**
 * A message the simulator holds: what was received, its fate, and its latest status as the Reports
 * API shows it (a read message stays read even when a late {@code delivered} comes after it).
 */
final class SimMessage {
  final Received received;
  final Fate fate;
  final Instant receivedAt;
  private String status = "submitted";
  private String errorCode = "";
  private String errorText = "";
  private Instant finalizedAt;

  SimMessage(Received received, Fate fate, Instant receivedAt) {
    this.received = received;
    this.fate = fate;
    this.receivedAt = receivedAt;
  }

  synchronized void update(String newStatus, String code, String text, Instant at) {
    if (status.equals("read") && newStatus.equals("delivered")) {
      return;
    }
    status = newStatus;
    errorCode = code;
    errorText = text;
    finalizedAt = at;
  }

  synchronized String status() {
    return status;
  }

  synchronized String errorCode() {
    return errorCode;
  }

  synchronized String errorText() {
    return errorText;
  }

  synchronized Instant finalizedAt() {
    return finalizedAt;
  }
}
