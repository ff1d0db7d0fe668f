package io.herald.web.pages;

import io.herald.account.User;
import io.herald.delivery.EmailTransport;
import io.herald.delivery.Envelope;
import io.herald.delivery.SendOutcome;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Herald's own mail to the people who sign in: password-reset links and invitations, in the user's
 * language, plain text. Herald has no system-mail path of its own (transactional messages are an
 * account's, sent from the account's verified domains, R5), so these go straight through the node's
 * {@link EmailTransport} (the smarthost, or the recipient's MX) from {@code http.signIn.mailFrom},
 * like a campaign's test send: no queue, no retries, no tracking, no footer. They are sent off the
 * request's thread, so that how long a reset request takes does not tell whether the email belongs
 * to a user; a failure is logged, never shown.
 */
final class UserMail {
  private static final Logger log = LoggerFactory.getLogger(UserMail.class);
  private static final DateTimeFormatter SHOWN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private final EmailTransport transport;
  private final String from;
  private final Executor executor;
  private final Clock clock;

  UserMail(EmailTransport transport, String from, Executor executor, Clock clock) {
    this.transport = transport;
    this.from = from;
    this.executor = executor;
    this.clock = clock;
  }

  void resetLink(User user, String url, Instant expires) {
    Texts t = Texts.in(user.language());
    send(
        user.email(),
        t.get("mail_reset_subject"),
        t.format("mail_reset_body", user.email(), url, SHOWN.format(expires)));
  }

  void invitation(User user, String accountName, String url, Instant expires) {
    Texts t = Texts.in(user.language());
    send(
        user.email(),
        t.get("mail_invitation_subject"),
        t.format(
            "mail_invitation_body",
            accountName,
            url,
            SHOWN.format(expires),
            t.get("role_" + user.membership().role())));
  }

  private void send(String to, String subject, String text) {
    executor.execute(
        () -> {
          try {
            SendOutcome outcome =
                transport.send(new Envelope(from, to), message(to, subject, text));
            if (!(outcome instanceof SendOutcome.Delivered)) {
              log.warn("mail to a user was not delivered: {}", outcome);
            }
          } catch (MessagingException | IOException | RuntimeException e) {
            log.warn("mail to a user could not be sent: {}", e.getMessage());
          }
        });
  }

  private byte[] message(String to, String subject, String text)
      throws MessagingException, IOException {
    MimeMessage message = new MimeMessage(jakarta.mail.Session.getInstance(new Properties()));
    message.setFrom(new InternetAddress(from, "Herald"));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
    message.setSubject(subject, "UTF-8");
    message.setSentDate(Date.from(clock.instant()));
    message.setText(text, "UTF-8");
    message.saveChanges();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    message.writeTo(out);
    return out.toByteArray();
  }
}
