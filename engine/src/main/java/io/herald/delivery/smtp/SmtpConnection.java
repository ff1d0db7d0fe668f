package io.herald.delivery.smtp;

import io.herald.delivery.Envelope;
import io.herald.delivery.SendOutcome;
import io.herald.delivery.smtp.ReplyClassifier.Stage;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * One open SMTP session, used by one sender at a time and returned to its pool between messages.
 * After a refused message it sends {@code RSET} itself, so the next transaction starts clean; a
 * connection that failed, or whose server said 421 (closing), is marked broken and not reused.
 */
final class SmtpConnection implements AutoCloseable {
  private final Session session;
  private final PooledSmtpTransport transport;
  private final ReplyClassifier classifier;
  private final Optional<PipelinedSession> pipelined;
  private Instant lastUsed;
  private boolean broken;

  /**
   * @param pipelined the message transaction over the session's socket when the server offers
   *     PIPELINING and Jakarta Mail's streams are not layered over it (no STARTTLS)
   */
  SmtpConnection(
      Session session,
      PooledSmtpTransport transport,
      ReplyClassifier classifier,
      Optional<PipelinedSession> pipelined,
      Instant now) {
    this.session = session;
    this.transport = transport;
    this.classifier = classifier;
    this.pipelined = pipelined;
    this.lastUsed = now;
  }

  Attempt send(Envelope envelope, byte[] rfc822, Instant now) {
    lastUsed = now;
    Address[] rcpt;
    try {
      rcpt = new Address[] {new InternetAddress(envelope.rcptTo(), false)};
    } catch (AddressException e) {
      return Attempt.local(
          new SendOutcome.Bounced(
              SendOutcome.BounceKind.HARD, "553 5.1.3 bad recipient address: " + e.getMessage()));
    }
    MailNeeds needs = MailNeeds.of(envelope, rfc822);
    if (needs.utf8() && !transport.offers("SMTPUTF8")) {
      // RFC 6531 section 3.2: no downgrade exists; the sender learns why from the status.
      return Attempt.local(
          new SendOutcome.Bounced(
              SendOutcome.BounceKind.SOFT,
              "553 5.6.7 the receiving server does not offer SMTPUTF8, which this message needs"
                  + " (UTF-8 in an address or a header)"));
    }
    String parameters = needs.parameters(transport.offers("8BITMIME"));
    if (pipelined.isPresent() && PipelinedSession.plain(envelope)) {
      return sendPipelined(pipelined.get(), envelope, rfc822, parameters);
    }
    try {
      RawMessage message = new RawMessage(session, rfc822, envelope.mailFrom());
      if (needs.eightBit() && transport.offers("8BITMIME")) {
        message.setMailExtension("BODY=8BITMIME");
      }
      transport.utf8(needs.utf8());
      transport.sendMessage(message, rcpt);
      String reply = transport.getLastServerResponse();
      return Attempt.reply(classifier.classify(Stage.DATA, transport.getLastReturnCode(), reply));
    } catch (MessagingException e) {
      Attempt failed = Failures.classify(e, classifier);
      afterFailure(failed);
      return failed;
    }
  }

  private Attempt sendPipelined(
      PipelinedSession session, Envelope envelope, byte[] rfc822, String parameters) {
    try {
      PipelinedSession.Result result = session.send(envelope, rfc822, parameters);
      Attempt attempt =
          Attempt.reply(classifier.classify(result.stage(), result.code(), result.text()));
      if (result.abandoned()) {
        broken = true;
      } else if (!result.ok()) {
        afterRefusal(result.code());
      }
      return attempt;
    } catch (IOException | RuntimeException e) {
      broken = true;
      return Attempt.connectionFailure(Failures.describe(e));
    }
  }

  private void afterFailure(Attempt failed) {
    if (failed.kind() != Attempt.Kind.REPLY) {
      broken = true;
      return;
    }
    afterRefusal(transport.getLastReturnCode());
  }

  /** After a refused transaction: 421 means the server is closing, otherwise start clean. */
  private void afterRefusal(int code) {
    if (code == 421) {
      broken = true;
      return;
    }
    try {
      broken = transport.simpleCommand("RSET") != 250;
    } catch (MessagingException | RuntimeException e) {
      broken = true;
    }
  }

  boolean broken() {
    return broken;
  }

  Instant lastUsed() {
    return lastUsed;
  }

  /** Asks the server (NOOP) whether the session is still open; costs one round trip. */
  boolean alive() {
    return !broken && transport.isConnected();
  }

  @Override
  public void close() {
    pipelined.ifPresent(PipelinedSession::close);
    try {
      transport.close();
    } catch (MessagingException | RuntimeException e) {
      // Closing a dead session: nothing left to release.
    }
  }
}
