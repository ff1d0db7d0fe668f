package io.herald.channel.email;

import java.util.Objects;
import java.util.Optional;

/**
 * Who a campaign is from (R5): the sender's own valid address is in every message, with a display
 * name that makes the sender identifiable, and an optional address for replies.
 */
public record Sender(String fromName, String fromAddress, Optional<String> replyTo) {
  public Sender {
    Objects.requireNonNull(fromName, "fromName");
    Objects.requireNonNull(fromAddress, "fromAddress");
    Objects.requireNonNull(replyTo, "replyTo");
  }
}
