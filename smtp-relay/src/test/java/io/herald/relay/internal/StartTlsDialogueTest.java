package io.herald.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.relay.RelaySettings;
import io.herald.relay.TestBackend;
import io.herald.relay.TlsSettings;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** STARTTLS up to the handshake (the handshake itself is covered by the socket tests). */
class StartTlsDialogueTest {

  @TempDir static Path certificates;
  private static SslContext tls;
  private final TestBackend backend = new TestBackend();

  @BeforeAll
  static void certificate() throws Exception {
    tls =
        TlsContexts.create(new TlsSettings.SelfSigned(certificates), "localhost", Dialogue.CLOCK)
            .orElseThrow();
  }

  private Dialogue dialogue() {
    Dialogue dialogue =
        new Dialogue(RelaySettings.builder().build(), backend, Optional.of(tls), "192.0.2.10");
    dialogue.take();
    return dialogue;
  }

  @Test
  void ehloOffersStartTlsButNoAuthBeforeIt() {
    try (Dialogue d = dialogue()) {
      assertThat(d.line("EHLO c").take()).endsWith("250 STARTTLS\r\n").doesNotContain("AUTH");
      assertThat(d.line("AUTH LOGIN").take()).startsWith("538 5.7.11");
    }
  }

  @Test
  void commandsPipelinedBehindStartTlsAreDiscarded() {
    try (Dialogue d = dialogue()) {
      d.line("EHLO c").take();
      String plaintextInjection =
          "STARTTLS\r\nAUTH PLAIN "
              + DialogueTest.base64("\0alice\0" + TestBackend.PASSWORD)
              + "\r\nMAIL FROM:<a@example.org>\r\n";
      assertThat(d.send(plaintextInjection).take()).isEqualTo("220 2.0.0 Ready to start TLS\r\n");
      assertThat(d.channel().pipeline().first()).isInstanceOf(SslHandler.class);
    }
    assertThat(backend.calls()).isEmpty();
  }

  @Test
  void startTlsIsRefusedInsideATransaction() {
    try (Dialogue d = dialogue()) {
      d.line("EHLO c").line("MAIL FROM:<a@example.org>").take();
      assertThat(d.line("STARTTLS").take()).startsWith("503 5.5.1");
    }
  }

  @Test
  void pemFilesOfTheOperatorAreUsedAsGiven() throws Exception {
    SelfSignedCertificate pair =
        SelfSignedCertificate.loadOrCreate(certificates, "localhost", Dialogue.CLOCK);
    TlsSettings files = new TlsSettings.PemFiles(pair.certificate(), pair.privateKey());
    assertThat(TlsContexts.create(files, "ignored", Dialogue.CLOCK)).isPresent();
    TlsSettings missing =
        new TlsSettings.PemFiles(certificates.resolve("no.pem"), pair.privateKey());
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> TlsContexts.create(missing, "x", Dialogue.CLOCK))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("no.pem");
  }

  @Test
  void theSelfSignedCertificateIsReusedAtTheNextStart() throws Exception {
    SelfSignedCertificate first =
        SelfSignedCertificate.loadOrCreate(certificates, "localhost", Dialogue.CLOCK);
    String before = java.nio.file.Files.readString(first.certificate());
    SelfSignedCertificate second =
        SelfSignedCertificate.loadOrCreate(certificates, "localhost", Dialogue.CLOCK);
    assertThat(java.nio.file.Files.readString(second.certificate())).isEqualTo(before);
    assertThat(before).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(java.nio.file.Files.readString(second.privateKey()))
        .startsWith("-----BEGIN PRIVATE KEY-----");
  }
}
