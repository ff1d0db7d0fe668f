package io.herald.channel.email;

import java.util.Map;
import java.util.Objects;

/**
 * One contact as a message sees it: the key that tracking tokens carry, its number in the
 * campaign's recipient ledger (what the VERP bounce address carries), the address, the display name
 * and every other field the list holds, all available to the template by name.
 */
public record Recipient(
    String contactKey,
    long recipientNumber,
    String email,
    String name,
    Map<String, String> fields) {
  public Recipient {
    Objects.requireNonNull(contactKey, "contactKey");
    Objects.requireNonNull(email, "email");
    name = name == null ? "" : name;
    fields = Map.copyOf(fields);
  }
}
