package io.herald.message;

import io.herald.campaign.Channel;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A message as its sender may see it: when it was accepted, from whom, how ({@code api} or {@code
 * smtp}), by which channel (email or SMS) and each recipient's {@link DeliveryState}.
 */
public record MessageStatus(
    MessageId id,
    Instant createdAt,
    String source,
    Channel channel,
    String from,
    String subject,
    List<Recipient> recipients) {
  public MessageStatus {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(channel, "channel");
    recipients = List.copyOf(recipients);
  }

  /** One recipient's address (an email address, or an E.164 number for an SMS) and state. */
  public record Recipient(String address, DeliveryState state) {}

  /**
   * One word for the whole message: {@code queued} or {@code deferred} while any copy is on its way
   * (deferred if any is), else the final state all copies share, else {@code mixed}.
   */
  public String overall() {
    if (recipients.stream().anyMatch(r -> r.state() instanceof DeliveryState.Deferred)) {
      return "deferred";
    }
    if (recipients.stream().anyMatch(r -> !r.state().isFinal())) {
      return "queued";
    }
    List<String> finals = recipients.stream().map(r -> r.state().name()).distinct().toList();
    return finals.size() == 1 ? finals.getFirst() : "mixed";
  }
}
