package io.herald.cli;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;

/**
 * The mails a receiving system sends back about one of Herald's messages, as the demo's simulated
 * mailbox providers write them: an RFC 3464 delivery status notification for an address that does
 * not exist, and an RFC 5965 abuse report (ARF) for a message marked as spam. Both return the
 * original's headers, which carry the signed Return-Path and unsubscribe token Herald trusts.
 */
final class FeedbackMails {
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private static final String DSN =
      """
      From: MAILER-DAEMON@%1$s
      To: %2$s
      Subject: Undelivered Mail Returned to Sender
      Date: %3$s
      Message-ID: <%4$s@%1$s>
      MIME-Version: 1.0
      Content-Type: multipart/report; report-type=delivery-status; boundary="%4$s"

      --%4$s
      Content-Type: text/plain; charset=us-ascii

      This is the mail system at host %1$s.

      Your message could not be delivered to one or more recipients.

      <%5$s>: host %1$s said: %6$s

      --%4$s
      Content-Type: message/delivery-status

      Reporting-MTA: dns; %1$s
      Arrival-Date: %3$s

      Final-Recipient: rfc822; %5$s
      Original-Recipient: rfc822; %5$s
      Action: failed
      Status: 5.1.1
      Remote-MTA: dns; %1$s
      Diagnostic-Code: smtp; %6$s

      --%4$s
      Content-Type: text/rfc822-headers

      %7$s
      --%4$s--
      """;

  private static final String ARF =
      """
      From: feedback@%1$s
      To: %2$s
      Subject: Abuse report
      Date: %3$s
      Message-ID: <%4$s@%1$s>
      MIME-Version: 1.0
      Content-Type: multipart/report; report-type=feedback-report; boundary="%4$s"

      --%4$s
      Content-Type: text/plain; charset=us-ascii

      This is an email abuse report for a message received from you.

      --%4$s
      Content-Type: message/feedback-report

      Feedback-Type: abuse
      User-Agent: HeraldDemoMailbox/1.0
      Version: 1
      Original-Mail-From: <%6$s>
      Original-Rcpt-To: <%5$s>
      Arrival-Date: %3$s

      --%4$s
      Content-Type: text/rfc822-headers

      %7$s
      --%4$s--
      """;

  private FeedbackMails() {}

  /** A DSN from the recipient's MX: the address is unknown (550 5.1.1). */
  static byte[] userUnknown(MimeMessage original, String recipient, String returnPath, Instant at)
      throws MessagingException {
    String host = "mx." + domainOf(recipient);
    String reply = "550 5.1.1 <" + recipient + ">: Recipient address rejected: User unknown";
    return crlf(
        DSN.formatted(
            host, returnPath, DATE.format(at), id("dsn", at), recipient, reply, headers(original)));
  }

  /** An ARF abuse report from the recipient's mailbox provider's feedback loop. */
  static byte[] abuseReport(
      MimeMessage original, String recipient, String returnPath, String loopAddress, Instant at)
      throws MessagingException {
    return crlf(
        ARF.formatted(
            "fbl." + domainOf(recipient),
            loopAddress,
            DATE.format(at),
            id("arf", at),
            recipient,
            returnPath,
            headers(original)));
  }

  private static String id(String kind, Instant at) {
    return kind
        + "-"
        + Long.toHexString(at.toEpochMilli())
        + "-"
        + Long.toHexString(System.nanoTime());
  }

  /** The original's header lines as received (already folded), one per line. */
  private static String headers(MimeMessage original) throws MessagingException {
    return String.join("\n", Collections.list(original.getAllHeaderLines()));
  }

  private static byte[] crlf(String mail) {
    return mail.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  private static String domainOf(String address) {
    int at = address.lastIndexOf('@');
    return at < 0 ? "example.net" : address.substring(at + 1);
  }
}
