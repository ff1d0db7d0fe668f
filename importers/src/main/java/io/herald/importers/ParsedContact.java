package io.herald.importers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A valid contact read from a file. It exists so the engine receives addresses that are already
 * normalised (R2) and text that is safe to put in a message header or a log line: every string is
 * free of CR, LF and other control characters (collapsed to one space, trimmed).
 *
 * @param rowNumber see {@link RowResult#rowNumber()}
 * @param email the normalised email, if the row had one
 * @param phone the phone in E.164, if the row had one; at least one of email/phone is present
 * @param name the contact's name, "" when absent
 * @param attributes the other columns (header name → cell text), in file order, unmodifiable
 */
public record ParsedContact(
    long rowNumber,
    Optional<EmailAddress> email,
    Optional<PhoneNumber> phone,
    String name,
    Map<String, String> attributes)
    implements RowResult {

  /** Enforces the "email or phone" invariant and freezes the attributes in insertion order. */
  public ParsedContact {
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(phone, "phone");
    Objects.requireNonNull(name, "name");
    if (email.isEmpty() && phone.isEmpty()) {
      throw new IllegalArgumentException("a contact needs an email or a phone");
    }
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }
}
