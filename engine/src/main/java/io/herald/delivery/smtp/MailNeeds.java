package io.herald.delivery.smtp;

import io.herald.delivery.Envelope;

/**
 * What a message asks of the server it goes to, read from its bytes: SMTPUTF8 (RFC 6531) when an
 * envelope address or a header holds UTF-8 (RFC 6532), and {@code BODY=8BITMIME} (RFC 6152) when
 * any byte is 8-bit. Herald passes mail from the relay on as it came, so it must say so.
 *
 * @param utf8 an address or header is UTF-8: the server must offer SMTPUTF8
 * @param eightBit some byte has the high bit set: {@code BODY=8BITMIME} where offered
 */
record MailNeeds(boolean utf8, boolean eightBit) {

  static MailNeeds of(Envelope envelope, byte[] rfc822) {
    int headerEnd = headerEnd(rfc822);
    boolean headers = eightBit(rfc822, 0, headerEnd);
    boolean body = headers || eightBit(rfc822, headerEnd, rfc822.length);
    boolean addresses = !ascii(envelope.mailFrom()) || !ascii(envelope.rcptTo());
    return new MailNeeds(headers || addresses, body);
  }

  /**
   * The MAIL FROM parameters for a server, given what it offers; empty or starting with a space.
   */
  String parameters(boolean offers8BitMime) {
    return (utf8 ? " SMTPUTF8" : "") + (eightBit && offers8BitMime ? " BODY=8BITMIME" : "");
  }

  private static int headerEnd(byte[] m) {
    for (int i = 0; i + 3 < m.length; i++) {
      if (m[i] == '\r' && m[i + 1] == '\n' && m[i + 2] == '\r' && m[i + 3] == '\n') {
        return i;
      }
    }
    return m.length;
  }

  private static boolean eightBit(byte[] m, int from, int to) {
    for (int i = from; i < to; i++) {
      if (m[i] < 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean ascii(String s) {
    return s.chars().allMatch(c -> c < 128);
  }
}
