package io.herald.submission;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.HeraldConfig;
import io.herald.relay.Address;
import io.herald.relay.ConnectionInfo;
import io.herald.relay.Envelope;
import io.herald.relay.MessageBody;
import io.herald.relay.RelayBackend;
import io.herald.relay.RelayServer;
import io.herald.relay.RelaySettings;
import io.herald.relay.Reply;
import io.herald.relay.Session;
import io.herald.testing.Await;
import io.herald.testing.Dkim;
import io.herald.testing.TestNode;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Principal;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SMTPUTF8 end to end: a client sends UTF-8 addresses and raw UTF-8 headers (RFC 6531, 6532)
 * through the relay; the next hop, a real SMTP server that offers SMTPUTF8 and 8BITMIME (the
 * smtp-relay library's own, recording what it got), receives the headers byte for byte with {@code
 * SMTPUTF8 BODY=8BITMIME} on MAIL FROM, and Herald's DKIM signature verifies over those bytes.
 */
class RelayUtf8Test {
  @TempDir Path data;
  TestNode node;
  RelayServer nextHop;
  final List<Received> received = new CopyOnWriteArrayList<>();
  PublicKey dkimKey;
  String apiKey;
  String accountId;

  record Received(Envelope envelope, byte[] content) {}

  @BeforeEach
  void start() throws Exception {
    nextHop =
        new RelayServer(
            RelaySettings.builder().host("127.0.0.1").port(0).spoolDirectory(data).build(),
            new Recorder(),
            Clock.systemUTC());
    int hopPort = nextHop.start().getPort();
    HeraldConfig base = TestNode.config(data);
    node =
        TestNode.start(
            base.withDelivery(base.delivery().withSmarthost("127.0.0.1", hopPort)),
            Clock.systemUTC());
    apiKey = node.createAccount("Shop");
    accountId = node.node().accounts().authenticate(apiKey).orElseThrow().id().value();
    // The account's own sending domain: Herald makes its DKIM key; the receiver checks the
    // signature with the public key Herald asks to publish.
    var attested =
        node.post(
            "/api/admin/accounts/" + accountId + "/domains",
            TestNode.ADMIN_TOKEN,
            "application/json",
            "{\"name\": \"shop.example\"}".getBytes(UTF_8));
    assertThat(attested.statusCode()).as(attested.body()).isEqualTo(201);
    for (var record : node.json(attested).get("records")) {
      if (record.get("purpose").asText().equals("dkim")) {
        dkimKey = Dkim.publicKey(record.get("value").asText());
      }
    }
    assertThat(dkimKey).isNotNull();
  }

  @AfterEach
  void stop() {
    node.close();
    nextHop.close();
  }

  static final String HEADERS =
      "From: Сидоренко Олена <sales@shop.example>\r\n"
          + "To: олена@example.org, ann@example.org\r\n"
          + "Subject: Рахунок №7 — оплачено\r\n"
          + "MIME-Version: 1.0\r\n"
          + "Content-Type: text/plain; charset=utf-8\r\n"
          + "Content-Transfer-Encoding: 8bit\r\n";

  @Test
  void utf8HeadersAndAddressesReachANextHopThatOffersSmtpUtf8AsSentAndDkimVerifies()
      throws Exception {
    byte[] message = (HEADERS + "\r\nДякуємо за покупку.\r\n").getBytes(UTF_8);
    try (RelayClient client =
        RelayClient.authenticated(node.node().relayPort(), accountId, apiKey)) {
      assertThat(client.say("EHLO client.example")).contains("SMTPUTF8").contains("8BITMIME");
      assertThat(client.say("MAIL FROM:<продаж@shop.example> SMTPUTF8 BODY=8BITMIME"))
          .startsWith("250");
      assertThat(client.say("RCPT TO:<олена@example.org>")).startsWith("250");
      assertThat(client.say("RCPT TO:<ann@example.org>")).startsWith("250");
      assertThat(client.data(message)).startsWith("250");
    }

    Await.until(received::size, n -> n == 2);
    for (Received copy : received) {
      assertThat(copy.envelope().mailParameters()).containsKeys("SMTPUTF8", "BODY");
      assertThat(copy.envelope().mailParameters().get("BODY")).isEqualTo("8BITMIME");
      String raw = new String(copy.content(), ISO_8859_1);
      String sent = new String(HEADERS.getBytes(UTF_8), ISO_8859_1);
      for (String line : sent.split("\r\n")) {
        if (!line.startsWith("Content-")) { // the body text is re-encoded with the footer
          assertThat(raw).contains(line + "\r\n");
        }
      }
      assertThat(dkimVerifies(copy.content())).isTrue();
    }
    assertThat(received)
        .extracting(r -> r.envelope().recipients().getFirst().mailbox())
        .containsExactlyInAnyOrder("олена@example.org", "ann@example.org");
  }

  @Test
  void plainAsciiMailAsksTheNextHopForNothing() throws Exception {
    byte[] message =
        "From: sales@shop.example\r\nSubject: Receipt\r\n\r\nThanks.\r\n".getBytes(UTF_8);
    try (RelayClient client =
        RelayClient.authenticated(node.node().relayPort(), accountId, apiKey)) {
      assertThat(client.send("sales@shop.example", "ann@example.org", message)).startsWith("250");
    }
    Await.until(received::size, n -> n == 1);
    assertThat(received.getFirst().envelope().mailParameters()).isEmpty();
    assertThat(dkimVerifies(received.getFirst().content())).isTrue();
  }

  /** A receiver's check of an rsa-sha256 relaxed/relaxed signature, over the bytes as received. */
  boolean dkimVerifies(byte[] message) throws Exception {
    String raw = new String(message, ISO_8859_1);
    int split = raw.indexOf("\r\n\r\n");
    List<String> fields = new ArrayList<>();
    for (String line : raw.substring(0, split).split("\r\n")) {
      if (line.startsWith(" ") || line.startsWith("\t")) {
        fields.set(fields.size() - 1, fields.getLast() + "\r\n" + line);
      } else {
        fields.add(line);
      }
    }
    String signature = field(fields, "DKIM-Signature");
    Map<String, String> tags = new LinkedHashMap<>();
    for (String tag :
        signature.substring(signature.indexOf(':') + 1).replaceAll("\\s+", "").split(";")) {
      int eq = tag.indexOf('=');
      if (eq > 0) {
        tags.put(tag.substring(0, eq), tag.substring(eq + 1));
      }
    }
    StringBuilder body = new StringBuilder();
    for (String line : raw.substring(split + 4).split("\r\n", -1)) {
      body.append(line.replaceAll("[ \\t]+", " ").replaceAll(" $", "")).append("\r\n");
    }
    String canonicalBody = body.toString().replaceAll("(\r\n)+$", "");
    canonicalBody = canonicalBody.isEmpty() ? "" : canonicalBody + "\r\n";
    String bodyHash =
        Base64.getEncoder()
            .encodeToString(
                MessageDigest.getInstance("SHA-256").digest(canonicalBody.getBytes(ISO_8859_1)));
    if (!bodyHash.equals(tags.get("bh"))) {
      return false;
    }
    StringBuilder signed = new StringBuilder();
    for (String name : tags.get("h").split(":")) {
      signed.append(relaxed(field(fields, name))).append("\r\n");
    }
    signed.append(relaxed(signature.replaceFirst("b=[^;]*$", "b=")));
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initVerify(dkimKey);
    rsa.update(signed.toString().getBytes(ISO_8859_1));
    return rsa.verify(Base64.getDecoder().decode(tags.get("b")));
  }

  static String field(List<String> fields, String name) {
    return fields.stream()
        .filter(f -> f.regionMatches(true, 0, name + ":", 0, name.length() + 1))
        .reduce((first, second) -> second)
        .orElseThrow(() -> new AssertionError("no " + name + " header"));
  }

  static String relaxed(String field) {
    int colon = field.indexOf(':');
    String name = field.substring(0, colon).strip().toLowerCase(Locale.ROOT);
    String value = field.substring(colon + 1).replace("\r\n", "").replaceAll("[ \\t]+", " ");
    return name + ":" + value.strip();
  }

  /** The next hop: takes every message and keeps its envelope and bytes. */
  final class Recorder implements RelayBackend {
    @Override
    public Optional<Principal> authenticate(String user, String password, ConnectionInfo c) {
      return Optional.empty();
    }

    @Override
    public Reply mailFrom(Session session, Address sender, Map<String, String> parameters) {
      return Reply.SENDER_OK;
    }

    @Override
    public Reply recipient(Session session, Address recipient) {
      return Reply.RECIPIENT_OK;
    }

    @Override
    public Reply message(Session session, Envelope envelope, MessageBody body) {
      try (InputStream in = body.openStream()) {
        received.add(new Received(envelope, in.readAllBytes()));
        return Reply.QUEUED;
      } catch (java.io.IOException e) {
        return Reply.TEMPORARY_FAILURE;
      }
    }
  }
}
