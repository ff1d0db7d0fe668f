package io.herald.importers;

import io.herald.importers.internal.Texts;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * A normalised email address, so that two spellings of one mailbox compare equal when the engine
 * merges duplicates (R2) and the jurisdiction policy (R14) can read the country domain. The local
 * part is kept as written (it is case-sensitive in principle); the domain is lower-cased and
 * IDN-encoded to punycode with {@link IDN#toASCII}.
 *
 * <p>{@link #parse} accepts the grammar real lists contain, not all of RFC 5322: surrounding
 * whitespace (every Unicode space, the no-break and zero-width ones included), a {@code mailto:}
 * prefix and {@code <angle brackets>} are stripped; the local part must be an RFC 5321 dot-atom of
 * ASCII characters (quoted local parts and non-ASCII SMTPUTF8 local parts such as
 * "Іван@приклад.укр" are rejected with a reason, because most receiving servers do not accept
 * them); the domain must have at least one dot and LDH labels of 1–63 characters after IDN encoding
 * (address literals like {@code [192.0.2.1]} are rejected). RFC 5321 length limits apply: local
 * part ≤ 64 octets, domain ≤ 255, whole address ≤ 254.
 *
 * @param value the normalised address, e.g. "Ivan.Petrenko@xn--80aikifvh.xn--j1amh"
 */
public record EmailAddress(String value) {

  private static final int MAX_LOCAL = 64;
  private static final int MAX_DOMAIN = 255;
  private static final int MAX_ADDRESS = 254;
  private static final int MAX_LABEL = 63;
  private static final String ATEXT_SPECIALS = "!#$%&'*+/=?^_`{|}~-";

  /** Checks the shape only; use {@link #parse} for anything typed by a person. */
  public EmailAddress {
    Objects.requireNonNull(value, "value");
    int at = value.indexOf('@');
    if (at <= 0 || at != value.lastIndexOf('@') || at == value.length() - 1) {
      throw new IllegalArgumentException("not an email address: " + value);
    }
  }

  /** The part before '@', as written. */
  public String localPart() {
    return value.substring(0, value.indexOf('@'));
  }

  /** The part after '@', lower-case ASCII (punycode for internationalised names). */
  public String domain() {
    return value.substring(value.indexOf('@') + 1);
  }

  /**
   * Validates and normalises an address typed by a person.
   *
   * @throws InvalidAddressException with a short reason such as "domain has no dot"
   */
  public static EmailAddress parse(String raw) throws InvalidAddressException {
    String text = strip(Objects.requireNonNull(raw, "raw"));
    if (text.isEmpty()) {
      throw new InvalidAddressException("empty");
    }
    int at = text.indexOf('@');
    if (at < 0) {
      throw new InvalidAddressException("missing @");
    }
    if (at != text.lastIndexOf('@')) {
      throw new InvalidAddressException("more than one @");
    }
    for (int i = 0; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i)) || Character.isISOControl(text.charAt(i))) {
        throw new InvalidAddressException("contains spaces or control characters");
      }
    }
    String local = text.substring(0, at);
    checkLocalPart(local);
    String domain = normaliseDomain(text.substring(at + 1));
    String value = local + "@" + domain;
    if (value.length() > MAX_ADDRESS) {
      throw new InvalidAddressException("address longer than " + MAX_ADDRESS + " characters");
    }
    return new EmailAddress(value);
  }

  private static String strip(String raw) {
    String text = Texts.stripSpaces(raw);
    if (text.regionMatches(true, 0, "mailto:", 0, 7)) {
      text = Texts.stripSpaces(text.substring(7));
    }
    if (text.length() >= 2 && text.startsWith("<") && text.endsWith(">")) {
      text = Texts.stripSpaces(text.substring(1, text.length() - 1));
    }
    return text;
  }

  private static void checkLocalPart(String local) throws InvalidAddressException {
    if (local.isEmpty()) {
      throw new InvalidAddressException("nothing before @");
    }
    if (local.getBytes(StandardCharsets.UTF_8).length > MAX_LOCAL) {
      throw new InvalidAddressException("local part longer than " + MAX_LOCAL + " characters");
    }
    if (local.startsWith("\"")) {
      throw new InvalidAddressException("quoted local parts are not accepted");
    }
    if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
      throw new InvalidAddressException("misplaced dot before @");
    }
    for (int i = 0; i < local.length(); i++) {
      char c = local.charAt(i);
      if (c > 0x7F) {
        throw new InvalidAddressException("non-ASCII characters before @ are not supported");
      }
      if (!isAtext(c) && c != '.') {
        throw new InvalidAddressException("character '" + c + "' is not allowed before @");
      }
    }
  }

  private static boolean isAtext(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || ATEXT_SPECIALS.indexOf(c) >= 0;
  }

  private static String normaliseDomain(String raw) throws InvalidAddressException {
    if (raw.isEmpty()) {
      throw new InvalidAddressException("nothing after @");
    }
    if (raw.startsWith("[")) {
      throw new InvalidAddressException("address literals are not accepted");
    }
    if (raw.endsWith(".")) {
      throw new InvalidAddressException("domain ends with a dot");
    }
    if (raw.startsWith(".") || raw.contains("..")) {
      throw new InvalidAddressException("domain has an empty label");
    }
    String ascii;
    try {
      // Most domains are ASCII already; IDN conversion is only needed (and only paid) otherwise.
      ascii =
          raw.chars().allMatch(c -> c < 0x80)
              ? raw.toLowerCase(Locale.ROOT)
              : IDN.toASCII(raw, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      // IDN refuses over-long ASCII labels too; name the real problem when it is one.
      ascii = raw.toLowerCase(Locale.ROOT);
      if (!ascii.chars().allMatch(c -> c < 0x80)) {
        throw new InvalidAddressException("domain is not a valid internationalised name");
      }
    }
    if (ascii.length() > MAX_DOMAIN) {
      throw new InvalidAddressException("domain longer than " + MAX_DOMAIN + " characters");
    }
    if (ascii.indexOf('.') < 0) {
      throw new InvalidAddressException("domain has no dot");
    }
    String[] labels = ascii.split("\\.", -1);
    for (String label : labels) {
      checkLabel(label);
    }
    if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
      throw new InvalidAddressException("top-level domain is numeric");
    }
    return ascii;
  }

  private static void checkLabel(String label) throws InvalidAddressException {
    if (label.isEmpty()) {
      throw new InvalidAddressException("domain has an empty label");
    }
    if (label.length() > MAX_LABEL) {
      throw new InvalidAddressException("domain label longer than " + MAX_LABEL + " characters");
    }
    if (label.startsWith("-") || label.endsWith("-")) {
      throw new InvalidAddressException("domain label starts or ends with a hyphen");
    }
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      boolean ldh = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
      if (!ldh) {
        throw new InvalidAddressException("character '" + c + "' is not allowed in the domain");
      }
    }
  }
}
