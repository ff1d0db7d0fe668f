package io.herald.delivery;

/**
 * The SMTP envelope of one message: the return path ({@code MAIL FROM}, a signed VERP address so
 * that a late bounce finds its campaign and contact) and the one recipient ({@code RCPT TO}).
 */
public record Envelope(String mailFrom, String rcptTo) {
  /** The recipient's domain, which is what throttles, pools and circuit breakers are keyed on. */
  public String recipientDomain() {
    return rcptTo.substring(rcptTo.lastIndexOf('@') + 1).toLowerCase(java.util.Locale.ROOT);
  }
}
