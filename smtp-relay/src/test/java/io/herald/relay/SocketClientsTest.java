package io.herald.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jakarta Mail against a real relay on loopback, plus the limits that need real sockets. */
class SocketClientsTest {

  @TempDir Path certificates;
  private final TestBackend backend = new TestBackend();

  private jakarta.mail.Session mailSession(RunningRelay relay, boolean auth) throws Exception {
    Properties props = new Properties();
    props.put("mail.smtp.host", "127.0.0.1");
    props.put("mail.smtp.port", Integer.toString(relay.port()));
    props.put("mail.smtp.auth", Boolean.toString(auth));
    props.put("mail.smtp.starttls.enable", "true");
    props.put("mail.smtp.starttls.required", "true");
    props.put("mail.smtp.ssl.socketFactory", relay.clientTls().getSocketFactory());
    props.put("mail.smtp.ssl.checkserveridentity", "true");
    props.put("mail.smtp.connectiontimeout", "30000");
    props.put("mail.smtp.timeout", "30000");
    return jakarta.mail.Session.getInstance(props);
  }

  private static MimeMessage message(jakarta.mail.Session session, String to) throws Exception {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress("alice@example.org"));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
    message.setSubject("Relay test");
    message.setText("Hello through STARTTLS.\r\n.A line starting with a dot.\r\n");
    return message;
  }

  @Test
  void jakartaMailSendsWithStartTlsAndAuth() throws Exception {
    try (RunningRelay relay = new RunningRelay(RelaySettings.builder(), backend, certificates)) {
      jakarta.mail.Session session = mailSession(relay, true);
      Transport.send(
          message(session, "bob@elsewhere.example"), TestBackend.USER, TestBackend.PASSWORD);
    }
    assertThat(backend.callers()).isNotEmpty().allMatch(Thread::isVirtual);
    TestBackend.Received received = backend.messages().getFirst();
    assertThat(received.session().tlsActive()).isTrue();
    assertThat(received.session().authenticated()).isTrue();
    assertThat(received.session().principal().orElseThrow().getName()).isEqualTo("alice");
    assertThat(received.envelope().recipients().getFirst().mailbox())
        .isEqualTo("bob@elsewhere.example");
    assertThat(received.content())
        .contains("with ESMTPSA id")
        .contains("Subject: Relay test\r\n")
        .contains("\r\n.A line starting with a dot.\r\n");
  }

  @Test
  void jakartaMailWithAWrongPasswordIsRefused() throws Exception {
    try (RunningRelay relay = new RunningRelay(RelaySettings.builder(), backend, certificates)) {
      jakarta.mail.Session session = mailSession(relay, true);
      assertThatThrownBy(
              () -> Transport.send(message(session, "bob@elsewhere.example"), "alice", "wrong"))
          .isInstanceOf(AuthenticationFailedException.class);
    }
    assertThat(backend.messages()).isEmpty();
  }

  @Test
  void withoutAuthOnlyLocalAddressesAreAccepted() throws Exception {
    try (RunningRelay relay = new RunningRelay(RelaySettings.builder(), backend, certificates)) {
      jakarta.mail.Session session = mailSession(relay, false);
      assertThatThrownBy(() -> Transport.send(message(session, "bob@elsewhere.example")))
          .isInstanceOf(SendFailedException.class)
          .hasStackTraceContaining("550 5.7.1 Relaying denied");
      Transport.send(message(session, "bounces@herald.test"));
    }
    assertThat(backend.messages()).hasSize(1);
    assertThat(backend.messages().getFirst().session().principal()).isEmpty();
  }

  @Test
  void idleClientsAreDisconnected() throws Exception {
    RelaySettings.Builder settings = RelaySettings.builder().idleTimeout(Duration.ofMillis(300));
    try (RunningRelay relay = new RunningRelay(settings, backend, certificates);
        LineClient client = new LineClient(relay.port())) {
      assertThat(client.reply()).startsWith("220 ");
      assertThat(client.send("EHLO idle").reply()).startsWith("250-");
      assertThat(client.reply()).isEqualTo("421 4.4.2 Idle timeout, closing connection");
      assertThat(client.closedByServer()).isTrue();
    }
  }

  @Test
  void aClientSendingOneByteAtATimeIsCutThoughEachByteResetsTheIdleTimer() throws Exception {
    // At least 20 bytes per 200 ms are due; one byte per 50 ms gives at most 4.
    RelaySettings.Builder settings =
        RelaySettings.builder()
            .idleTimeout(Duration.ofSeconds(20))
            .minDataRate(100)
            .dataRateInterval(Duration.ofMillis(200));
    try (RunningRelay relay = new RunningRelay(settings, backend, certificates);
        LineClient client = new LineClient(relay.port())) {
      assertThat(client.reply()).startsWith("220 ");
      assertThat(client.send("EHLO slow").reply()).startsWith("250-");
      client.trickle("MAIL FROM:<" + "s".repeat(400) + "@example.org>", Duration.ofMillis(50));
      assertThat(client.reply()).isEqualTo("421 4.4.2 Data rate too low, closing connection");
      assertThat(client.closedByServer()).isTrue();
    }
    assertThat(backend.calls()).isEmpty();
  }

  @Test
  void aSessionIsClosedAtItsTimeLimitThoughTheClientKeepsTalking() throws Exception {
    RelaySettings.Builder settings = RelaySettings.builder().maxSessionTime(Duration.ofMillis(300));
    try (RunningRelay relay = new RunningRelay(settings, backend, certificates);
        LineClient client = new LineClient(relay.port())) {
      assertThat(client.reply()).startsWith("220 ");
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      String reply = client.send("NOOP").reply();
      while (reply.equals("250 2.0.0 OK") && System.nanoTime() < deadline) {
        reply = client.send("NOOP").reply();
      }
      assertThat(reply).isEqualTo("421 4.4.2 Session time limit reached, closing connection");
      assertThat(client.closedByServer()).isTrue();
    }
  }

  @Test
  void oneNetworkCannotTakeEverySlotAndTheReserveIsKeptForNewcomers() throws Exception {
    // 127.0.0.0/24, 127.0.1.0/24 and 127.0.2.0/24 are three networks, all on loopback.
    RelaySettings.Builder settings =
        RelaySettings.builder()
            .maxConnectionsPerIp(2)
            .maxConnectionsPerNetwork(3)
            .maxConnections(6)
            .connectionReserve(2);
    List<LineClient> clients = new ArrayList<>();
    try (RunningRelay relay = new RunningRelay(settings, backend, certificates)) {
      for (String from : List.of("127.0.0.1", "127.0.0.1", "127.0.0.2", "127.0.1.1")) {
        clients.add(new LineClient(relay.port(), from));
        assertThat(clients.getLast().reply()).startsWith("220 ");
      }
      refused(
          relay, "127.0.0.3", "421 4.7.0 Too many connections from your network, try again later");
      // Four of six slots are taken: the last two go only to networks holding nothing yet.
      refused(relay, "127.0.1.2", "421 4.7.0 Too many connections, try again later");
      clients.add(new LineClient(relay.port(), "127.0.2.1"));
      assertThat(clients.getLast().reply()).startsWith("220 ");
    } finally {
      for (LineClient client : clients) {
        client.close();
      }
    }
  }

  private static void refused(RunningRelay relay, String from, String reply) throws Exception {
    try (LineClient client = new LineClient(relay.port(), from)) {
      assertThat(client.reply()).isEqualTo(reply);
      assertThat(client.closedByServer()).isTrue();
    }
  }

  @Test
  void connectionsPerAddressAreLimited() throws Exception {
    RelaySettings.Builder settings = RelaySettings.builder().maxConnectionsPerIp(2);
    try (RunningRelay relay = new RunningRelay(settings, backend, certificates);
        LineClient first = new LineClient(relay.port());
        LineClient second = new LineClient(relay.port())) {
      assertThat(first.reply()).startsWith("220 ");
      assertThat(second.reply()).startsWith("220 ");
      try (LineClient third = new LineClient(relay.port())) {
        assertThat(third.reply())
            .isEqualTo("421 4.7.0 Too many connections from your address, try again later");
        assertThat(third.closedByServer()).isTrue();
      }
      assertThat(first.send("QUIT").reply()).isEqualTo("221 2.0.0 Bye");
      assertThat(first.closedByServer()).isTrue();
      relay.awaitOpenConnections(1); // the server has seen the first client's close: a slot is free
      try (LineClient fourth = new LineClient(relay.port())) {
        assertThat(fourth.reply()).startsWith("220 ");
      }
    }
  }
}
