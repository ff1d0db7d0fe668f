package io.herald.channel.email;

import io.herald.tracking.TokenSigner;
import io.herald.tracking.TrackingUrls;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SplittableRandom;

/** Fixtures for composing messages and reading them back the way a mail client would. */
final class Mail {
  static final String ACCOUNT = "00112233445566ff";
  static final String CAMPAIGN = "a0b1c2d3e4f50617";
  static final TokenSigner SIGNER =
      new TokenSigner("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
  static final TrackingUrls URLS =
      new TrackingUrls(URI.create("https://t.example.com"), SIGNER, "mail.example.com");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
  static final Sender SENDER =
      new Sender("Квіти Shop", "news@shop.example.com", Optional.of("help@shop.example.com"));
  static final String CONSENT = "You receive this because you subscribed on shop.example.com.";

  private Mail() {}

  static EmailComposer composer(List<DkimSigning> dkim) {
    return new EmailComposer(
        SIGNER, URLS, "bounces.example.com", "m.example.com", CLOCK, new SplittableRandom(7), dkim);
  }

  static EmailComposer composer() {
    return composer(List.of());
  }

  static CompiledTemplate template(String subject, String html) throws TemplateException {
    return CompiledTemplate.compile(new EmailContent(subject, html, Optional.empty()));
  }

  static Recipient ann() {
    return new Recipient(
        "e:ann@example.org", 42, "ann@example.org", "Ann Lee", Map.of("city", "Kyiv"));
  }

  static MessageContext to(Recipient recipient) {
    return new MessageContext(ACCOUNT, CAMPAIGN, recipient, SENDER, CONSENT);
  }

  static MimeMessage parse(OutgoingEmail email) throws Exception {
    return new MimeMessage(
        Session.getInstance(new Properties()), new ByteArrayInputStream(email.rfc822()));
  }

  /** The text part with its CRLF line ends read as lines, as a mail client shows them. */
  static String text(MimeMessage message) throws Exception {
    String text = (String) ((MimeMultipart) message.getContent()).getBodyPart(0).getContent();
    return text.replace("\r\n", "\n");
  }

  static String html(MimeMessage message) throws Exception {
    return (String) ((MimeMultipart) message.getContent()).getBodyPart(1).getContent();
  }
}
