package io.herald.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A composed message survives a real SMTP hop intact: envelope, headers and both parts. */
class SmtpRoundTripTest {
  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @Test
  void aComposedMessageArrivesWithItsHeadersPartsAndVerpReturnPath() throws Exception {
    OutgoingEmail email =
        Mail.composer()
            .compose(Mail.template("Hi {{name}}", "<p>Sale for {{name}}</p>"), Mail.to(Mail.ann()));

    Properties properties = new Properties();
    properties.put("mail.smtp.host", "127.0.0.1");
    properties.put("mail.smtp.port", String.valueOf(SMTP.getSmtp().getPort()));
    properties.put("mail.smtp.from", email.envelopeFrom());
    properties.put("mail.smtp.connectiontimeout", "5000");
    properties.put("mail.smtp.timeout", "5000");
    Session session = Session.getInstance(properties);
    MimeMessage outgoing = new MimeMessage(session, new ByteArrayInputStream(email.rfc822()));
    // Transport.send() would call saveChanges() and replace the Message-ID (and break a DKIM
    // signature); sendMessage() writes the bytes as composed.
    try (Transport transport = session.getTransport("smtp")) {
      transport.connect();
      transport.sendMessage(
          outgoing, new InternetAddress[] {new InternetAddress(email.recipient())});
    }

    MimeMessage received = SMTP.getReceivedMessages()[0];
    assertThat(received.getHeader("Return-Path")[0]).contains(email.envelopeFrom());
    assertThat(received.getMessageID()).isEqualTo(email.messageId());
    assertThat(received.getSubject()).isEqualTo("Hi Ann Lee");
    assertThat(received.getHeader("List-Unsubscribe-Post"))
        .containsExactly("List-Unsubscribe=One-Click");
    assertThat(received.getHeader("List-Unsubscribe", null)).contains("mailto:unsub+");
    assertThat(Mail.text(received)).contains("Sale for Ann Lee").contains(Mail.CONSENT);
    assertThat(Mail.html(received)).contains("<p>Sale for Ann Lee</p>").contains("herald-footer");
  }
}
