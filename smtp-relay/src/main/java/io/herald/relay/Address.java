package io.herald.relay;

import java.util.Locale;

/**
 * A mailbox from an SMTP path, as parsed from {@code MAIL FROM:<...>} or {@code RCPT TO:<...>}.
 *
 * <p>Either part may hold UTF-8 when the client used SMTPUTF8 (see {@link #ascii()}). The local
 * part is kept exactly as the client wrote it, unquoted (quoted local parts such as {@code "john
 * doe"@example.org} have their quotes and escapes removed); the domain is as written and may be an
 * address literal such as {@code [192.0.2.1]}. The null reverse path {@code <>} is {@link #NULL};
 * {@code RCPT TO:<Postmaster>} without a domain has an empty domain.
 *
 * @param localPart the local part without quotes, empty only for the null path
 * @param domain the domain or address literal, empty for the null path and bare postmaster
 * @param quoted whether the client wrote the local part as a quoted string
 */
public record Address(String localPart, String domain, boolean quoted) {

  /** The null reverse path {@code <>}, used by bounces and other automatic mail. */
  public static final Address NULL = new Address("", "", false);

  /** Rejects nulls; the parser guarantees the syntax. */
  public Address {
    if (localPart == null || domain == null) {
      throw new IllegalArgumentException("address parts must not be null");
    }
  }

  /** True for the null reverse path {@code <>}. */
  public boolean isNull() {
    return localPart.isEmpty() && domain.isEmpty();
  }

  /**
   * True when the local part contains {@code %} or {@code !}: the old "percent hack" and UUCP
   * source routing that an open relay would forward. Backends should refuse such recipients unless
   * they are local.
   */
  public boolean hasRoutingCharacters() {
    return localPart.indexOf('%') >= 0 || localPart.indexOf('!') >= 0;
  }

  /** True when the whole mailbox is ASCII; otherwise it needs SMTPUTF8 (RFC 6531). */
  public boolean ascii() {
    return localPart.chars().allMatch(c -> c < 128) && domain.chars().allMatch(c -> c < 128);
  }

  /** The domain in lower case, for comparisons. */
  public String domainLowerCase() {
    return domain.toLowerCase(Locale.ROOT);
  }

  /** The mailbox as it would appear in a path, without angle brackets; empty for {@link #NULL}. */
  public String mailbox() {
    if (isNull()) {
      return "";
    }
    String local = quoted ? quote(localPart) : localPart;
    return domain.isEmpty() ? local : local + "@" + domain;
  }

  @Override
  public String toString() {
    return "<" + mailbox() + ">";
  }

  private static String quote(String local) {
    StringBuilder out = new StringBuilder(local.length() + 2).append('"');
    for (int i = 0; i < local.length(); i++) {
      char c = local.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.append('"').toString();
  }
}
