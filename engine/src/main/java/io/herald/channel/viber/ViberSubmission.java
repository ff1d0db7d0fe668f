package io.herald.channel.viber;

import java.time.Duration;
import java.util.Objects;

/**
 * One Viber business message to send: {@code messageId} is Herald's own id of it (at most {@link
 * ViberLimits#MAX_MESSAGE_ID} characters of {@code [A-Za-z0-9._-]}), which the provider carries
 * back in every report about it, so that a report finds its recipient without Herald storing the
 * provider's id — even a report about a message whose sending node died before it recorded
 * anything. {@code to} is an E.164 phone number; {@code ttl} how long Viber keeps trying; {@code
 * promotional} marks a marketing message (the provider's message category).
 */
public record ViberSubmission(
    String messageId,
    String sender,
    String to,
    ViberContent content,
    Duration ttl,
    boolean promotional) {
  public ViberSubmission {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(ttl, "ttl");
  }
}
