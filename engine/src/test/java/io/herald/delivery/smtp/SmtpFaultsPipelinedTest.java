package io.herald.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.delivery.Envelope;
import io.herald.delivery.SendOutcome.Delivered;
import io.herald.delivery.smtp.ScriptedSmtpPeer.Reply;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every dialogue of {@link SmtpFaultsTest} again, against a peer that offers PIPELINING: the
 * pipelined transaction must make the same outcomes of the same replies.
 */
class SmtpFaultsPipelinedTest extends SmtpFaultsTest {
  @Override
  ScriptedSmtpPeer peer(Function<String, Reply> script) throws Exception {
    return new ScriptedSmtpPeer(script, true);
  }

  @Test
  void theEnvelopeGoesOutInOneFlightAndTheContentArrivesIntact() throws Exception {
    String content = "Subject: x\r\n\r\n.leading period\r\nline\n..two\r\nlast";
    try (ScriptedSmtpPeer peer = peer(line -> null);
        SmtpTransport transport = transportTo(peer.port(), SmtpSettings.Breaker.DEFAULT)) {
      for (int i = 0; i < 3; i++) {
        assertThat(
                transport.send(
                    new Envelope("b@herald.test", "a@dest.test"),
                    content.getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
            .isEqualTo(new Delivered("250 2.0.0 queued as 42"));
      }
      assertThat(peer.pipelined()).isEqualTo(3);
      assertThat(peer.connections()).isEqualTo(1);
      assertThat(peer.commands())
          .containsSubsequence("MAIL FROM:<b@herald.test>", "RCPT TO:<a@dest.test>", "DATA", ".")
          .doesNotContain("RSET");
      assertThat(peer.contents())
          .containsOnly("Subject: x\r\n\r\n..leading period\r\nline\r\n...two\r\nlast\r\n");
    }
  }
}
