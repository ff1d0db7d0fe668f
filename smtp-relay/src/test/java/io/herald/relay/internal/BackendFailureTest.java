package io.herald.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.relay.Address;
import io.herald.relay.ConnectionInfo;
import io.herald.relay.Envelope;
import io.herald.relay.MessageBody;
import io.herald.relay.RelayBackend;
import io.herald.relay.RelaySettings;
import io.herald.relay.Reply;
import io.herald.relay.Session;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A backend that throws or returns null never makes a client believe it succeeded. */
class BackendFailureTest {

  private static final class BrokenBackend implements RelayBackend {
    @Override
    public Optional<Principal> authenticate(String user, String password, ConnectionInfo c) {
      throw new IllegalStateException("database down");
    }

    @Override
    public Reply mailFrom(Session session, Address sender, Map<String, String> parameters) {
      return Reply.SENDER_OK;
    }

    @Override
    public Reply recipient(Session session, Address recipient) {
      return recipient.localPart().equals("null") ? null : Reply.RECIPIENT_OK;
    }

    @Override
    public Reply message(Session session, Envelope envelope, MessageBody body) {
      throw new IllegalStateException("queue down");
    }
  }

  @Test
  void failuresAreTemporaryErrors() {
    RelaySettings settings = RelaySettings.builder().allowPlainAuth(true).build();
    try (Dialogue d = new Dialogue(settings, new BrokenBackend())) {
      d.take();
      d.line("EHLO c").take();
      assertThat(d.line("AUTH PLAIN " + DialogueTest.base64("\0u\0p")).take())
          .startsWith("535 5.7.8");
      d.line("MAIL FROM:<a@example.org>").take();
      assertThat(d.line("RCPT TO:<null@example.org>").take())
          .isEqualTo("451 4.3.0 Temporary local problem, try again later\r\n");
      d.line("RCPT TO:<b@example.org>").line("DATA").take();
      assertThat(d.send("x\r\n.\r\n").take())
          .isEqualTo("451 4.3.0 Temporary local problem, try again later\r\n");
      assertThat(d.line("NOOP").take()).isEqualTo("250 2.0.0 OK\r\n");
    }
  }
}
