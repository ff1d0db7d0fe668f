package io.herald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.channel.sms.ReceiptState;
import io.herald.channel.sms.sim.SmscSimulator;
import io.herald.config.SmsConfig;
import io.herald.config.SmscConfig;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/**
 * The demo's SMS part (R1, R3): Demo Company texts a short list of phones through an SMSC simulator
 * that the demo starts (SMPP over loopback, a transceiver bind). The campaign goes through the
 * canary like the email ones; the SMSC answers every {@code submit_sm} and sends a delivery receipt
 * — delivered, except for two numbers that no longer exist — and one customer replies STOP, which
 * suppresses that number for the account at once. The part prints one SMS as the SMSC got it (the
 * opt-out line with its short unsubscribe link at the end) and the campaign's SMS counters.
 */
final class DemoSms {
  static final String SYSTEM_ID = "herald-demo";
  static final String PASSWORD = "demo-pw";
  static final String SENDER = "DemoCompany";
  static final int PHONES = 20;

  /** The demo phones' country and operator code (the Viber part's phones have another). */
  private static final String PREFIX = "38067";

  /** The phones whose receipts say undeliverable (as the SMSC writes them, without '+'). */
  private static final List<String> DEAD = List.of(digits(7), digits(14));

  private static final String TEXT =
      "{{name}}, весняний розпродаж у Demo Company: -20% на все до неділі!"
          + " https://demo-company.example/sale";
  private static final List<String> NAMES =
      List.of("Олена", "Андрій", "Марія", "Тарас", "Ірина", "Богдан", "Наталія", "Дмитро");
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  /** How the demo runs a CLI command as a user: printing its output, or returning it. */
  interface Demo {
    int sub(Map<String, String> env, String... args);

    String capture(Map<String, String> env, String... args);

    /** Imports {@code file} into {@code list}, or fails the demo. */
    default void importList(Map<String, String> env, Path file, String list) {
      if (sub(env, "import", file.toString(), "--list", list) != HeraldCli.EXIT_OK) {
        throw new IllegalStateException("demo: " + file.getFileName() + " did not import");
      }
    }

    /** Runs {@code campaign create} with {@code options}; the new campaign's id (its last line). */
    default String createCampaign(Map<String, String> env, String... options) {
      String[] args = new String[options.length + 2];
      args[0] = "campaign";
      args[1] = "create";
      System.arraycopy(options, 0, args, 2, options.length);
      String[] lines = capture(env, args).split("\n");
      return lines[lines.length - 1].strip();
    }
  }

  private final HeraldCli cli;
  private final SmscSimulator smsc;
  private final Demo demo;

  DemoSms(HeraldCli cli, SmscSimulator smsc, Demo demo) {
    this.cli = cli;
    this.smsc = smsc;
    this.demo = demo;
  }

  /** The simulator the demo starts, with its receipts: delivered, except for the dead numbers. */
  static SmscSimulator startSmsc() throws IOException {
    return SmscSimulator.start(SYSTEM_ID, PASSWORD)
        .receipts(
            number -> DEAD.contains(number) ? ReceiptState.UNDELIVERABLE : ReceiptState.DELIVERED);
  }

  /**
   * SMS through the demo's own SMSC simulator, without quiet hours: on a clock 360 times faster a
   * night would come every four minutes and hold the campaign's rest for two.
   */
  static SmsConfig config(SmsConfig loaded, SmscSimulator smsc) {
    return new SmsConfig(
        true,
        List.of(SmscConfig.of("demo-smsc", smsc.host(), smsc.port(), SYSTEM_ID, PASSWORD)),
        loaded.receiptTimeout(),
        loaded.undeliverableLimit(),
        LocalTime.MIDNIGHT,
        LocalTime.MIDNIGHT,
        loaded.validity());
  }

  /** Imports the phones and creates the SMS campaign as the account of {@code env}; its id. */
  String create(Map<String, String> env, Path dir) throws IOException {
    Path phones = dir.resolve("sms-phones.csv");
    try (Writer out = Files.newBufferedWriter(phones, StandardCharsets.UTF_8)) {
      out.write("Ім'я,Телефон\n");
      for (int i = 1; i <= PHONES; i++) {
        out.write(NAMES.get(i % NAMES.size()) + ",+" + digits(i) + "\n");
      }
    }
    cli.out()
        .printf(
            "== SMS: Demo Company also texts %d customers (%s) through an SMSC simulator on"
                + " 127.0.0.1:%d (SMPP, bound as a transceiver)%n",
            PHONES, phones.getFileName(), smsc.port());
    demo.importList(env, phones, "demo phones");
    Path text = Files.writeString(dir.resolve("sms.txt"), TEXT);
    String id =
        demo.createCampaign(
            env,
            "--channel",
            "sms",
            "--list",
            "demo phones",
            "--from",
            SENDER,
            "--text",
            text.toString());
    cli.out().println("== SMS campaign " + id + " created, sender ID " + SENDER + ": " + TEXT);
    return id;
  }

  /**
   * Once the campaign has sent everything and every receipt is in: shows one SMS, has one customer
   * reply STOP, and prints the counters. False when a step did not happen in time (said on stderr).
   */
  boolean finish(Map<String, String> env, String id) throws Exception {
    HeraldClient client =
        new HeraldClient(cli.serverUrl(env), env.get("HERALD_API_KEY"), cli.json());
    Optional<JsonNode> done =
        await(
            () -> {
              JsonNode c = client.get("api/campaigns/" + id);
              boolean receipts =
                  total(c, "delivered") + total(c, "undeliverable")
                      == c.path("recipients").asLong();
              return c.path("state").asText().equals("completed") && receipts
                  ? Optional.of(c)
                  : Optional.empty();
            });
    if (done.isEmpty()) {
      cli.err()
          .println("herald: the demo's SMS campaign did not complete with its receipts in time");
      return false;
    }
    // Only this campaign's phones: the same SMSC carries the Viber campaign's fallback SMS.
    List<SmscSimulator.Submitted> parts =
        smsc.submitted().stream().filter(p -> p.destination().startsWith(PREFIX)).toList();
    SmscSimulator.Submitted first = parts.getFirst();
    String sms =
        parts.stream()
            .filter(p -> p.destination().equals(first.destination()))
            .map(SmscSimulator.Submitted::text)
            .reduce("", String::concat);
    cli.out()
        .printf(
            "== the SMSC received %d submit_sm (%s, data_coding 0x%02X); the SMS to +%s, joined:%n"
                + "   %s%n",
            parts.size(),
            first.udh().length > 0 ? "concatenated parts" : "one part each",
            first.dataCoding(),
            first.destination(),
            sms.replace("\n", "\n   "));
    String replier = first.destination().equals(DEAD.getFirst()) ? digits(1) : first.destination();
    smsc.sendMo("+" + replier, SENDER, "STOP");
    cli.out()
        .println("== +" + replier + " replies \"STOP\" to " + SENDER + " (an MO through the SMSC)");
    Optional<JsonNode> stopped =
        await(
            () -> {
              JsonNode c = client.get("api/campaigns/" + id);
              return total(c, "unsubscribed") >= 1 ? Optional.of(c) : Optional.empty();
            });
    JsonNode campaign = stopped.orElseGet(done::get);
    cli.out()
        .printf(
            "== the SMS campaign's statistics: %d recipients, %d parts submitted; delivered %d,"
                + " undeliverable %d, awaiting a receipt %d; unsubscribed %d%n",
            campaign.path("recipients").asLong(),
            total(campaign, "parts"),
            total(campaign, "delivered"),
            total(campaign, "undeliverable"),
            total(campaign, "submitted"),
            total(campaign, "unsubscribed"));
    if (stopped.isEmpty()) {
      cli.err().println("herald: the demo's STOP reply was not counted in time");
      return false;
    }
    return true;
  }

  private static long total(JsonNode campaign, String counter) {
    return CampaignCommand.OnCampaign.total(campaign, counter);
  }

  /** A demo phone's digits: +380 67 000 00 NN. */
  private static String digits(int i) {
    return String.format(PREFIX + "%07d", i);
  }

  /** Polls (real time, bounded) until the probe has a value. */
  static <T> Optional<T> await(Callable<Optional<T>> probe) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    Optional<T> value = probe.call();
    while (value.isEmpty() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(100_000_000);
      value = probe.call();
    }
    return value;
  }
}
