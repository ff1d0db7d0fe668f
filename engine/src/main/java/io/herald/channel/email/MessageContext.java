package io.herald.channel.email;

import java.util.Objects;

/**
 * Everything that differs per message besides the template: whose campaign it is, who receives it,
 * who sends it, and the consent statement of the recipient's list (R4), which Herald appends to
 * every message whatever the template does.
 */
public record MessageContext(
    String accountId,
    String campaignId,
    Recipient recipient,
    Sender sender,
    String consentStatement) {
  public MessageContext {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(campaignId, "campaignId");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(consentStatement, "consentStatement");
  }
}
