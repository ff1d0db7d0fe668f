package io.herald.message;

import io.herald.importers.EmailAddress;
import io.herald.importers.InvalidAddressException;
import io.herald.message.MessageRefused.Reason;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks every submitted message passes before anything is written. Addresses are taken
 * strictly: a bare {@code local@domain} with no display name, brackets, white space or control
 * character anywhere (a CR or LF in a field is an attempt to add headers, and is refused, not
 * cleaned). One-line fields (sender name, subject) refuse every control character and Unicode line
 * separator for the same reason.
 */
final class MessageChecks {
  private static final Pattern TEMPLATE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final String FORBIDDEN_IN_ADDRESS = "<>()[],;:\"\\";
  private static final int MAX_IDEMPOTENCY_KEY = 255;

  private final Limits limits;
  private final Optional<String> platformDomain;

  /**
   * @param platformDomain Herald's own mail domain (the VERP return path's), which no client may
   *     send as (R5: platform addresses never appear as the sender)
   */
  MessageChecks(Limits limits, Optional<String> platformDomain) {
    this.limits = limits;
    this.platformDomain = platformDomain.map(d -> d.toLowerCase(Locale.ROOT));
  }

  /** The normalised address, or a refusal naming the field. */
  static String address(String value, String field) throws MessageRefused {
    if (value == null || value.isEmpty()) {
      throw new MessageRefused(Reason.INVALID_ADDRESS, field + " address is missing");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (breaksLine(c) || Character.isWhitespace(c) || FORBIDDEN_IN_ADDRESS.indexOf(c) >= 0) {
        throw new MessageRefused(
            Reason.INVALID_ADDRESS,
            field + " address contains a control character, space or bracket");
      }
    }
    try {
      int at = value.lastIndexOf('@');
      if (at > 0 && !value.substring(0, at).chars().allMatch(c -> c < 0x80)) {
        return utf8Address(value.substring(0, at), value.substring(at + 1));
      }
      return EmailAddress.parse(value).value();
    } catch (InvalidAddressException e) {
      throw new MessageRefused(
          Reason.INVALID_ADDRESS, field + " address is not valid: " + e.getMessage());
    }
  }

  /**
   * An address with a UTF-8 local part (RFC 6531, from the relay's SMTPUTF8): the local part kept
   * as written, within RFC 5321's 64 octets and dot rules; the domain checked and IDN-encoded as
   * any.
   */
  private static String utf8Address(String local, String domain) throws InvalidAddressException {
    if (local.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 64) {
      throw new InvalidAddressException("local part longer than 64 octets");
    }
    if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
      throw new InvalidAddressException("misplaced dot in the local part");
    }
    return local + "@" + EmailAddress.parse("u@" + domain).domain();
  }

  /** A sender address that is valid and not Herald's own (R5). */
  String sender(String value, String field) throws MessageRefused {
    String address = address(value, field);
    String domain = address.substring(address.lastIndexOf('@') + 1);
    if (platformDomain.isPresent()
        && (domain.equals(platformDomain.get()) || domain.endsWith("." + platformDomain.get()))) {
      throw new MessageRefused(
          Reason.INVALID_ADDRESS,
          field + " address may not be on Herald's own domain " + platformDomain.get());
    }
    return address;
  }

  /** The recipients, normalised and without duplicates (compared case-insensitively). */
  List<String> recipients(List<String> values, String field) throws MessageRefused {
    if (values.isEmpty()) {
      throw new MessageRefused(Reason.INVALID_ADDRESS, "at least one recipient is required");
    }
    if (values.size() > limits.maxRecipients()) {
      throw new MessageRefused(
          Reason.TOO_LARGE, "at most " + limits.maxRecipients() + " recipients per message");
    }
    List<String> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String value : values) {
      String address = address(value, field);
      if (seen.add(address.toLowerCase(Locale.ROOT))) {
        out.add(address);
      }
    }
    return out;
  }

  /** A header value on one line, of bounded length; {@code required} refuses a blank one. */
  static String singleLine(String value, String field, int max, boolean required)
      throws MessageRefused {
    String text = value == null ? "" : value;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (breaksLine(c)) {
        throw new MessageRefused(
            Reason.INVALID_MESSAGE, field + " contains a line break or control character");
      }
    }
    if (required && text.isBlank()) {
      throw new MessageRefused(Reason.INVALID_MESSAGE, field + " is required");
    }
    if (text.length() > max) {
      throw new MessageRefused(Reason.TOO_LARGE, field + " is longer than " + max + " characters");
    }
    return text;
  }

  /** A body (HTML or text): bounded, and free of NUL, which no mail part may carry. */
  Optional<String> body(Optional<String> value, String field) throws MessageRefused {
    if (value.isEmpty()) {
      return value;
    }
    String text = value.get();
    if (text.length() > limits.maxBodyChars()) {
      throw new MessageRefused(
          Reason.TOO_LARGE, field + " is larger than " + limits.maxBodyChars() + " characters");
    }
    if (text.indexOf('\0') >= 0) {
      throw new MessageRefused(Reason.INVALID_MESSAGE, field + " contains a NUL character");
    }
    return text.isBlank() ? Optional.empty() : value;
  }

  static String templateName(String name) throws MessageRefused {
    if (name == null || !TEMPLATE_NAME.matcher(name).matches()) {
      throw new MessageRefused(
          Reason.INVALID_MESSAGE,
          "a template name is 1 to 64 letters, digits, '.', '_' or '-', starting with a letter"
              + " or digit");
    }
    return name;
  }

  static String idempotencyKey(String key) throws MessageRefused {
    if (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY) {
      throw new MessageRefused(
          Reason.INVALID_MESSAGE, "an Idempotency-Key has 1 to 255 characters");
    }
    if (!key.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
      throw new MessageRefused(
          Reason.INVALID_MESSAGE, "an Idempotency-Key is printable ASCII without spaces");
    }
    return key;
  }

  private static boolean breaksLine(char c) {
    return c == '\r'
        || c == '\n'
        || c == '\0'
        || c == '\u2028'
        || c == '\u2029'
        || c == '\u0085'
        || Character.isISOControl(c);
  }
}
