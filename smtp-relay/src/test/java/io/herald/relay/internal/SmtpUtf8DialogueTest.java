package io.herald.relay.internal;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.relay.RelaySettings;
import io.herald.relay.TestBackend;
import org.junit.jupiter.api.Test;

/**
 * SMTPUTF8 (RFC 6531) and 8BITMIME (RFC 6152) on the relay: offered in EHLO, UTF-8 addresses taken
 * with the SMTPUTF8 parameter and refused with 553 5.6.7 without it, UTF-8 headers kept as sent.
 */
class SmtpUtf8DialogueTest {
  private final TestBackend backend = new TestBackend();

  private Dialogue dialogue() {
    Dialogue dialogue = new Dialogue(RelaySettings.builder().allowPlainAuth(true).build(), backend);
    dialogue.take();
    return dialogue;
  }

  /** A line as the client's UTF-8 bytes (the dialogue sends each char as one byte). */
  private static String utf8(String line) {
    return new String(line.getBytes(UTF_8), ISO_8859_1);
  }

  @Test
  void ehloOffersSmtpUtf8And8BitMime() {
    try (Dialogue d = dialogue()) {
      assertThat(d.line("EHLO client.example").take())
          .contains("250-8BITMIME\r\n")
          .contains("250-SMTPUTF8\r\n");
    }
  }

  @Test
  void utf8AddressesWithTheParameterAndUtf8HeadersArriveAsSent() {
    String message = "From: Сидоренко <продаж@магазин.укр>\r\nSubject: Сидоренко\r\n\r\nТекст\r\n";
    try (Dialogue d = dialogue()) {
      d.line("EHLO client.example").take();
      assertThat(d.line(utf8("AUTH PLAIN " + DialogueTest.base64("\0alice\0s3cret pass"))).take())
          .startsWith("235");
      assertThat(d.line(utf8("MAIL FROM:<продаж@магазин.укр> SMTPUTF8 BODY=8BITMIME")).take())
          .startsWith("250 2.1.0");
      assertThat(d.line(utf8("RCPT TO:<олена@приклад.укр>")).take()).startsWith("250 2.1.5");
      assertThat(d.line("DATA").take()).startsWith("354");
      assertThat(d.send(utf8(message + ".\r\n")).take()).startsWith("250");
    }
    TestBackend.Received received = backend.messages().getFirst();
    assertThat(received.envelope().sender().mailbox()).isEqualTo("продаж@магазин.укр");
    assertThat(received.envelope().recipients().getFirst().mailbox())
        .isEqualTo("олена@приклад.укр");
    assertThat(received.envelope().mailParameters()).containsKey("SMTPUTF8");
    assertThat(received.content()).endsWith(utf8(message));
  }

  @Test
  void aUtf8AddressWithoutTheParameterIsRefusedWith5_6_7() {
    try (Dialogue d = dialogue()) {
      d.line("EHLO client.example").take();
      assertThat(d.line(utf8("MAIL FROM:<продаж@магазин.укр>")).take()).startsWith("553 5.6.7");
      assertThat(d.line("MAIL FROM:<shop@example.org>").take()).startsWith("250");
      assertThat(d.line(utf8("RCPT TO:<олена@herald.test>")).take()).startsWith("553 5.6.7");
    }
  }

  @Test
  void badUtf8AndEightBitOutsideAddressesAreStillRefused() {
    try (Dialogue d = dialogue()) {
      d.line("EHLO client.example").take();
      assertThat(d.line("MAIL FROM:<\u00ff\u00fe@example.org> SMTPUTF8").take())
          .startsWith("500 5.5.2");
      assertThat(d.line(utf8("EHLO кліент")).take()).startsWith("500 5.5.2");
      assertThat(d.line("MAIL FROM:<a@example.org> SMTPUTF8=yes").take()).startsWith("501 5.5.4");
    }
  }
}
