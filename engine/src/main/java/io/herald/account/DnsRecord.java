package io.herald.account;

import java.util.Objects;

/**
 * One DNS record an account publishes for a sending domain, as a DNS panel asks for it.
 *
 * @param purpose {@code verification}, {@code dkim}, {@code spf} or {@code dmarc}
 * @param name the full name (no trailing dot)
 * @param required false for advice (SPF, DMARC) that Herald does not check
 * @param note one line on what it is for
 */
public record DnsRecord(
    String purpose, String type, String name, String value, boolean required, String note) {
  public DnsRecord {
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(note, "note");
  }
}
