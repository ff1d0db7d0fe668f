package io.herald.submission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.herald.app.HeraldNode;
import io.herald.config.HeraldConfig;
import io.herald.config.RedisConfig;
import io.herald.config.TrackingConfig;
import io.herald.message.MessageId;
import io.herald.store.redis.EmbeddedRedis;
import io.herald.testing.Await;
import io.herald.testing.ChildNode;
import io.herald.testing.TestNode;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A message the relay answered with {@code 250} survives a SIGKILL of Herald's JVM and is delivered
 * after a restart. The killed node can deliver nothing: its smarthost is a black hole that accepts
 * connections and never greets, so every message it acknowledged is still queued (or claimed by a
 * worker stuck in the black hole) when it dies. Another node, on the same Redis, must deliver each
 * of them exactly once.
 */
class RelayKillTest {
  private static final int MESSAGES = 12;
  private static final Pattern QUEUED = Pattern.compile("Queued as ([0-9a-f]{16})");

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path redisDir;
  @TempDir Path dataA;
  @TempDir Path dataB;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void aMessageAcknowledgedWith250SurvivesAKillAndIsDeliveredAfterRestart() throws Exception {
    List<String> queued = new ArrayList<>();
    String apiKey;
    try (EmbeddedRedis redis = EmbeddedRedis.start(redisDir, 0);
        BlackHole blackHole = new BlackHole()) {
      try (ChildNode nodeA =
          ChildNode.serve(
              dataA,
              Map.of(
                  "HERALD_REDIS_URI", redis.uri().value(),
                  "HERALD_TRACKING_SECRET", "relay-kill-test-secret-0123456789abcdef",
                  "HERALD_DELIVERY_SMTP_HOST", "127.0.0.1",
                  "HERALD_DELIVERY_SMTP_PORT", Integer.toString(blackHole.port()),
                  "HERALD_DELIVERY_RECLAIM_AFTER", "10m"))) {
        JsonNode account = createAccount(nodeA.baseUrl());
        apiKey = account.get("apiKey").asText();
        Session session = session(nodeA.relayPort());
        for (int i = 1; i <= MESSAGES; i++) {
          String reply =
              send(session, "r" + i + "@example.com", account.get("id").asText(), apiKey);
          assertThat(reply).startsWith("250");
          Matcher m = QUEUED.matcher(reply);
          assertThat(m.find()).as(reply).isTrue();
          queued.add(m.group(1));
        }
        nodeA.kill(); // SIGKILL right after the last 250: no shutdown hook, no acknowledgement
      }
      assertThat(mail.getReceivedMessages()).isEmpty();

      try (HeraldNode nodeB =
          HeraldNode.start(
              nodeConfig(redis), Optional.of(TestNode.ADMIN_TOKEN), Clock.systemUTC())) {
        var account = nodeB.accounts().authenticate(apiKey).orElseThrow().id();
        Await.until(() -> mail.getReceivedMessages().length, n -> n >= MESSAGES);
        for (String id : queued) {
          Await.until(
              () -> nodeB.messages().status(account, new MessageId(id)).orElseThrow().overall(),
              s -> s.equals("delivered"));
        }
        Await.until(nodeB::transactionalBacklog, n -> n == 0);
      }
    }
    List<String> recipients =
        Arrays.stream(mail.getReceivedMessages()).map(RelayKillTest::recipient).sorted().toList();
    assertThat(recipients)
        .as("every acknowledged message delivered exactly once")
        .hasSize(MESSAGES)
        .doesNotHaveDuplicates();
  }

  private HeraldConfig nodeConfig(EmbeddedRedis redis) {
    HeraldConfig base = TestNode.config(dataB);
    return base.withDelivery(
            base.delivery()
                .withSmarthost("127.0.0.1", mail.getSmtp().getPort())
                .withReclaimAfter(Duration.ofMinutes(10)))
        .withTracking(
            new TrackingConfig(
                base.tracking().baseUrl(), Optional.of("relay-kill-test-secret-0123456789abcdef")))
        .withRedis(new RedisConfig(Optional.of(URI.create(redis.uri().value())), 0));
  }

  private static Session session(int port) {
    Properties props = new Properties();
    props.put("mail.smtp.host", "127.0.0.1");
    props.put("mail.smtp.port", Integer.toString(port));
    props.put("mail.smtp.starttls.enable", "true");
    props.put("mail.smtp.starttls.required", "true");
    props.put("mail.smtp.ssl.trust", "127.0.0.1");
    props.put("mail.smtp.ssl.checkserveridentity", "false");
    props.put("mail.smtp.auth", "true");
    props.put("mail.smtp.connectiontimeout", "10000");
    props.put("mail.smtp.timeout", "10000");
    return Session.getInstance(props);
  }

  /** Sends one message with STARTTLS and AUTH; the server's last reply. */
  private static String send(Session session, String to, String user, String password)
      throws Exception {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress("orders@app.example", "App Co"));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
    message.setSubject("Your receipt");
    message.setText("Order for " + to + " is on its way.", "UTF-8");
    try (SMTPTransport transport = (SMTPTransport) session.getTransport("smtp")) {
      transport.connect(user, password);
      transport.sendMessage(message, message.getAllRecipients());
      return transport.getLastServerResponse();
    }
  }

  private JsonNode createAccount(String base) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/admin/accounts"))
                .header("Authorization", "Bearer " + TestNode.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Relay Kill Co\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonNode account = json.readTree(response.body());
    HttpResponse<String> attested =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        base + "/api/admin/accounts/" + account.get("id").asText() + "/domains"))
                .header("Authorization", "Bearer " + TestNode.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"app.example\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(attested.statusCode()).as(attested.body()).isEqualTo(201);
    return account;
  }

  private static String recipient(MimeMessage message) {
    try {
      return message.getAllRecipients()[0].toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A TCP listener that accepts connections and never says a word: an SMTP server that hangs. */
  private static final class BlackHole implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    BlackHole() throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      acceptor =
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (!server.isClosed()) {
                      try {
                        held.add(server.accept());
                      } catch (IOException e) {
                        return;
                      }
                    }
                  });
    }

    int port() {
      return server.getLocalPort();
    }

    @Override
    public void close() throws Exception {
      server.close();
      for (Socket s : held) {
        s.close();
      }
      acceptor.join(Duration.ofSeconds(5));
    }
  }
}
