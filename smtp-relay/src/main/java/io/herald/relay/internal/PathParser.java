package io.herald.relay.internal;

import io.herald.relay.Address;
import io.herald.relay.Reply;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Strict parser for the path and ESMTP parameters of MAIL FROM and RCPT TO (RFC 5321 section
 * 4.1.2), with the UTF-8 of SMTPUTF8 (RFC 6531 section 3.3: UTF-8 characters in atext, quoted
 * strings and U-label sub-domains); whether a non-ASCII path was allowed is decided by the caller.
 *
 * <pre>
 * Path        = "&lt;" [ A-d-l ":" ] Mailbox "&gt;"        ; source routes (A-d-l) are refused
 * Mailbox     = Local-part "@" ( Domain / address-literal )
 * Local-part  = Dot-string / Quoted-string              ; at most 64 octets
 * Domain      = sub-domain *("." sub-domain)           ; at most 255 octets
 * sub-domain  = Let-dig [Ldh-str]
 * esmtp-param = esmtp-keyword ["=" esmtp-value]
 * </pre>
 */
final class PathParser {

  private static final int MAX_LOCAL = 64;
  private static final int MAX_DOMAIN = 255;
  private static final int MAX_PATH = 256;
  private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

  /** A path and the parameters after it. */
  record Parsed(Address address, Map<String, String> parameters) {}

  private final String text;
  private final Reply syntaxError;
  private int pos;

  private PathParser(String text, Reply syntaxError) {
    this.text = text;
    this.syntaxError = syntaxError;
  }

  /**
   * Parses {@code <path> [params]}.
   *
   * @param allowNull whether {@code <>} is allowed (MAIL FROM)
   * @param syntaxError the reply for malformed input (differs for sender and recipient)
   */
  static Parsed parse(String text, boolean allowNull, Reply syntaxError) throws SyntaxException {
    return new PathParser(text, syntaxError).parsePathAndParameters(allowNull);
  }

  private Parsed parsePathAndParameters(boolean allowNull) throws SyntaxException {
    int start = pos;
    Address address = parsePath(allowNull);
    if (octets(text.substring(start, pos)) > MAX_PATH) {
      throw new SyntaxException(syntaxError.code(), syntaxError.status(), "Path too long");
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    while (pos < text.length()) {
      expect(' ');
      while (pos < text.length() && text.charAt(pos) == ' ') {
        pos++;
      }
      if (pos == text.length()) {
        break;
      }
      parseParameter(parameters);
    }
    return new Parsed(address, parameters);
  }

  private Address parsePath(boolean allowNull) throws SyntaxException {
    expect('<');
    if (peek() == '>') {
      pos++;
      if (!allowNull) {
        throw fail();
      }
      return Address.NULL;
    }
    if (peek() == '@') {
      throw new SyntaxException(553, "5.1.3", "Source routes are not accepted");
    }
    boolean quoted = peek() == '"';
    String local = quoted ? quotedString() : dotString();
    if (octets(local) > MAX_LOCAL) {
      throw new SyntaxException(syntaxError.code(), syntaxError.status(), "Local part too long");
    }
    if (peek() == '>' && !quoted && local.equalsIgnoreCase("postmaster")) {
      pos++;
      return new Address(local, "", false);
    }
    expect('@');
    String domain = peek() == '[' ? addressLiteral() : domain();
    expect('>');
    return new Address(local, domain, quoted);
  }

  private String dotString() throws SyntaxException {
    int start = pos;
    atom();
    while (peek() == '.') {
      pos++;
      atom();
    }
    return text.substring(start, pos);
  }

  private void atom() throws SyntaxException {
    int start = pos;
    while (pos < text.length() && isAtext(text.charAt(pos))) {
      pos++;
    }
    if (pos == start) {
      throw fail();
    }
  }

  private String quotedString() throws SyntaxException {
    expect('"');
    StringBuilder local = new StringBuilder();
    while (true) {
      char c = peek();
      if (c == '"') {
        pos++;
        return local.toString();
      }
      if (c == '\\') {
        pos++;
        c = peek();
        if (c < 32 || c == 127) {
          throw fail();
        }
      } else if (c < 32 || c == 127) {
        throw fail();
      }
      local.append(c);
      pos++;
    }
  }

  private String domain() throws SyntaxException {
    int start = pos;
    subDomain();
    while (peek() == '.') {
      pos++;
      subDomain();
    }
    if (octets(text.substring(start, pos)) > MAX_DOMAIN) {
      throw new SyntaxException(syntaxError.code(), syntaxError.status(), "Domain too long");
    }
    return text.substring(start, pos);
  }

  private void subDomain() throws SyntaxException {
    int start = pos;
    while (pos < text.length() && isLdh(text.charAt(pos))) {
      pos++;
    }
    if (pos == start || text.charAt(start) == '-' || text.charAt(pos - 1) == '-') {
      throw fail();
    }
  }

  private String addressLiteral() throws SyntaxException {
    int start = pos;
    int end = text.indexOf(']', pos);
    if (end < 0) {
      throw fail();
    }
    String inside = text.substring(pos + 1, end);
    boolean valid =
        inside.regionMatches(true, 0, "IPv6:", 0, 5) ? isIpv6(inside.substring(5)) : isIpv4(inside);
    if (!valid) {
      throw fail();
    }
    pos = end + 1;
    return text.substring(start, pos);
  }

  private void parseParameter(Map<String, String> parameters) throws SyntaxException {
    int start = pos;
    while (pos < text.length() && (isAlnum(text.charAt(pos)) || text.charAt(pos) == '-')) {
      pos++;
    }
    if (pos == start || text.charAt(start) == '-') {
      throw paramError();
    }
    String key = text.substring(start, pos).toUpperCase(Locale.ROOT);
    String value = "";
    if (peek() == '=') {
      pos++;
      int valueStart = pos;
      while (pos < text.length() && isParamValueChar(text.charAt(pos))) {
        pos++;
      }
      if (pos == valueStart) {
        throw paramError();
      }
      value = text.substring(valueStart, pos);
    }
    if (pos < text.length() && text.charAt(pos) != ' ') {
      throw paramError();
    }
    if (parameters.putIfAbsent(key, value) != null) {
      throw paramError();
    }
  }

  private static boolean isIpv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
        return false;
      }
      if (Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIpv6(String s) {
    if (s.isEmpty()
        || s.length() > 45
        || !s.chars().allMatch(c -> c == ':' || c == '.' || isHex(c))) {
      return false;
    }
    try {
      return InetAddress.ofLiteral(s) instanceof Inet6Address;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void expect(char c) throws SyntaxException {
    if (peek() != c || pos >= text.length()) {
      throw fail();
    }
    pos++;
  }

  private SyntaxException fail() {
    return new SyntaxException(syntaxError);
  }

  private static SyntaxException paramError() {
    return new SyntaxException(501, "5.5.4", "Malformed ESMTP parameter");
  }

  private static boolean isAtext(char c) {
    return isAlnum(c) || ATEXT_SPECIALS.indexOf(c) >= 0 || c > 127;
  }

  private static boolean isLdh(char c) {
    return isAlnum(c) || c == '-' || c > 127;
  }

  private static int octets(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  private static boolean isAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean isParamValueChar(char c) {
    return c >= 33 && c <= 126 && c != '=';
  }
}
