package io.herald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * The demo's developer part (R10): a shop's developer sends through Herald the way they would send
 * through any provider — two messages through the SMTP relay (STARTTLS, then AUTH with the account
 * id and its API key) and one through the HTTP API, retried with the same {@code Idempotency-Key}.
 * One address does not exist: its mailbox provider accepts the mail, then sends a DSN back by SMTP
 * to the signed bounce address, without AUTH, and Herald turns the delivered message into a hard
 * bounce. Each step is what an outside client does; nothing reaches into the node.
 */
final class TransactionalTour {
  private static final Pattern QUEUED = Pattern.compile("Queued as ([0-9a-f]{16})");
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final String CUSTOMER = "olena@shop-customers.example";
  private static final String UNKNOWN = "no-such-user@shop-customers.example";
  private static final String RESET = "petro@shop-customers.example";

  private final HeraldCli cli;
  private final Map<String, String> admin;
  private final int relayPort;
  private final Supplier<MimeMessage[]> captured;
  private final ScaledClock clock;

  /**
   * @param admin the CLI environment of the administrator (server URL and admin token)
   * @param captured what the capture SMTP server received so far
   */
  TransactionalTour(
      HeraldCli cli,
      Map<String, String> admin,
      int relayPort,
      Supplier<MimeMessage[]> captured,
      ScaledClock clock) {
    this.cli = cli;
    this.admin = admin;
    this.relayPort = relayPort;
    this.captured = captured;
    this.clock = clock;
  }

  /** Runs the tour; false when a step did not happen in time (said on stderr). */
  boolean run(Path dir, Demo demo) throws Exception {
    cli.out()
        .println(
            "== transactional mail, at real time: Demo Shop's developer sends receipts and sign-in"
                + " codes");
    try (DemoWebhookReceiver receiver = new DemoWebhookReceiver(clock, cli.json())) {
      return run(dir, demo, receiver);
    }
  }

  private boolean run(Path dir, Demo demo, DemoWebhookReceiver receiver) throws Exception {
    JsonNode account =
        new HeraldClient(cli.serverUrl(admin), admin.get("HERALD_ADMIN_TOKEN"), cli.json())
            .post("api/admin/accounts", Map.of("name", "Demo Shop"));
    String id = account.get("id").asText();
    String key = account.get("apiKey").asText();
    Map<String, String> env = new HashMap<>(admin);
    env.put("HERALD_API_KEY", key);
    cli.out().println("== account " + id + " (Demo Shop); SMTP user " + id + ", password its key");
    new HeraldClient(cli.serverUrl(admin), admin.get("HERALD_ADMIN_TOKEN"), cli.json())
        .post(
            "api/admin/accounts/" + id + "/domains",
            Map.of("name", "demo-shop.example", "by", "demo"));
    cli.out()
        .println(
            "== demo-shop.example attested for Demo Shop by the administrator: its mail is signed"
                + " with the domain's own DKIM key");
    HeraldClient client = new HeraldClient(cli.serverUrl(env), key, cli.json());
    JsonNode hook = client.post("api/webhooks", Map.of("url", receiver.url()));
    receiver.secret(hook.get("secret").asText());
    cli.out()
        .println(
            "== webhook "
                + hook.get("id").asText()
                + " registered for "
                + hook.get("events")
                + ": events go to "
                + receiver.url()
                + ", which checks each signature");

    Session relay = relaySession();
    List<String> ids = new ArrayList<>();
    for (String to : List.of(CUSTOMER, UNKNOWN)) {
      String reply = viaRelay(relay, id, key, to);
      cli.out().println("   relay, AUTH as Demo Shop, to " + to + ": " + reply.strip());
      Matcher queued = QUEUED.matcher(reply);
      if (!queued.find()) {
        throw new IllegalStateException("demo: the relay did not queue the message: " + reply);
      }
      ids.add(queued.group(1));
    }
    Path text =
        Files.writeString(
            dir.resolve("reset.txt"), "Your code is 482 913. It expires in 15 minutes.\n");
    for (int attempt = 1; attempt <= 2; attempt++) {
      cli.out()
          .println(
              "   API, POST /api/messages with Idempotency-Key reset-petro-1 (attempt "
                  + attempt
                  + "):");
      demo.sub(
          env,
          "send",
          "--to",
          RESET,
          "--from",
          "no-reply@demo-shop.example",
          "--subject",
          "Your sign-in code",
          "--text",
          text.toString(),
          "--idempotency-key",
          "reset-petro-1");
    }

    Optional<MimeMessage> dead = await(() -> receivedBy(UNKNOWN));
    if (dead.isEmpty() || await(() -> receivedBy(CUSTOMER)).isEmpty()) {
      cli.err().println("herald: the demo's transactional messages were not delivered in time");
      return false;
    }
    String returnPath = dead.get().getHeader("Return-Path")[0].replaceAll("[<>\\s]", "");
    byte[] dsn = FeedbackMails.userUnknown(dead.get(), UNKNOWN, returnPath, clock.instant());
    String reply = bounceBack(relay, returnPath, dsn);
    cli.out()
        .println(
            "== shop-customers.example's mail server bounces "
                + UNKNOWN
                + " later: a DSN by SMTP to "
                + returnPath
                + ", no AUTH: "
                + reply.strip());
    boolean bounced =
        await(
                () -> {
                  String status = client.get("api/messages/" + ids.get(1)).path("status").asText();
                  return status.startsWith("bounced") ? Optional.of(status) : Optional.empty();
                })
            .isPresent();
    cli.out().println("== the messages' status, as the developer sees it:");
    for (String message : ids) {
      demo.sub(env, "message", "status", message);
    }
    if (!bounced) {
      cli.err().println("herald: the demo's DSN did not turn the message into a bounce in time");
      return false;
    }
    boolean reported =
        await(
                () ->
                    receiver.events().stream()
                        .filter(e -> e.type().equals("bounced") && e.recipient().equals(UNKNOWN))
                        .findFirst())
            .isPresent();
    cli.out()
        .println(
            "== the events Demo Shop's webhook received (signatures verified; "
                + receiver.refused()
                + " refused):");
    for (DemoWebhookReceiver.Event event : receiver.events()) {
      cli.out().println("   " + event);
    }
    if (!reported) {
      cli.err().println("herald: the late bounce did not reach the demo's webhook in time");
    }
    return reported;
  }

  /** How the tour runs a CLI command as a given user, printing its output. */
  interface Demo {
    int sub(Map<String, String> env, String... args);
  }

  private Session relaySession() {
    Properties props = new Properties();
    props.put("mail.smtp.host", "127.0.0.1");
    props.put("mail.smtp.port", Integer.toString(relayPort));
    props.put("mail.smtp.starttls.enable", "true");
    // The relay's certificate is the self-signed one Herald made at first start.
    props.put("mail.smtp.ssl.trust", "127.0.0.1");
    props.put("mail.smtp.ssl.checkserveridentity", "false");
    props.put("mail.smtp.connectiontimeout", "10000");
    props.put("mail.smtp.timeout", "10000");
    return Session.getInstance(props);
  }

  private static String viaRelay(Session session, String user, String password, String to)
      throws MessagingException, java.io.UnsupportedEncodingException {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress("orders@demo-shop.example", "Demo Shop"));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
    message.setSubject("Your order #1042");
    message.setText("Thank you! Order #1042 ships tomorrow.", "UTF-8");
    Properties auth = new Properties();
    auth.putAll(session.getProperties());
    auth.put("mail.smtp.auth", "true");
    auth.put("mail.smtp.starttls.required", "true");
    try (SMTPTransport transport = (SMTPTransport) Session.getInstance(auth).getTransport("smtp")) {
      transport.connect(user, password);
      transport.sendMessage(message, message.getAllRecipients());
      return transport.getLastServerResponse();
    }
  }

  /** A receiving MTA's DSN: null reverse path, to Herald's signed bounce address. */
  private static String bounceBack(Session session, String returnPath, byte[] dsn)
      throws MessagingException {
    SMTPMessage message = new SMTPMessage(session, new ByteArrayInputStream(dsn));
    message.setEnvelopeFrom("<>");
    try (SMTPTransport transport = (SMTPTransport) session.getTransport("smtp")) {
      transport.connect();
      transport.sendMessage(message, new InternetAddress[] {new InternetAddress(returnPath)});
      return transport.getLastServerResponse();
    }
  }

  private Optional<MimeMessage> receivedBy(String address) throws MessagingException {
    for (MimeMessage m : captured.get()) {
      if (m.getAllRecipients() != null
          && ((InternetAddress) m.getAllRecipients()[0]).getAddress().equals(address)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** Polls (in real time, bounded) until the probe finds something. */
  private static <T> Optional<T> await(Probe<T> probe) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<T> found = probe.find();
      if (found.isPresent()) {
        return found;
      }
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
    return Optional.empty();
  }

  private interface Probe<T> {
    Optional<T> find() throws Exception;
  }
}
