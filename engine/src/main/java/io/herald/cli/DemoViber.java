package io.herald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.app.HeraldNode;
import io.herald.channel.sms.sim.SmscSimulator;
import io.herald.channel.viber.sim.Fate;
import io.herald.channel.viber.sim.Received;
import io.herald.channel.viber.sim.ViberSimulator;
import io.herald.config.ViberConfig;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The demo's Viber part (issue 14): Demo Company sends a Viber business message to ten phones
 * through a simulator of the provider's HTTP API that the demo starts (the Vonage Messages API on
 * loopback, with signed status callbacks to the node's {@code /viber/reports}), with an SMS
 * fallback through the demo's SMSC simulator. The simulator decides each number's fate by its last
 * digit — 0 has no Viber, 9 is undeliverable, 8 expires, 7 is delivered but never seen, 6 blocks
 * the sender, the others are delivered and seen — so the ten phones show every path: Viber
 * delivered and seen, fallen back to SMS and delivered by SMS, blocked and suppressed. The part
 * prints what became of each phone and the campaign's counters.
 */
final class DemoViber {
  static final String LIST = "demo viber";
  static final String SENDER = "Demo Company";

  private static final String API_KEY = "demo-viber";
  private static final String API_SECRET = "demo-viber-secret";
  private static final String SIGNATURE_SECRET = "demo-viber-signature-secret";
  private static final String TEXT =
      "{{name}}, Demo Company дарує -20% на все до неділі! https://demo-company.example/sale";
  private static final String FALLBACK =
      "{{name}}, -20% у Demo Company до неділі: https://demo-company.example/sale";
  private static final List<String> NAMES =
      List.of(
          "Оксана", "Петро", "Галина", "Юрій", "Софія", "Василь", "Леся", "Іван", "Надія", "Роман");

  private final HeraldCli cli;
  private final ViberSimulator viber;
  private final SmscSimulator smsc;
  private final DemoSms.Demo demo;

  DemoViber(HeraldCli cli, ViberSimulator viber, SmscSimulator smsc, DemoSms.Demo demo) {
    this.cli = cli;
    this.viber = viber;
    this.smsc = smsc;
    this.demo = demo;
  }

  /**
   * The provider's simulator, signing its callbacks to {@code herald} with {@code clock}'s time:
   * the node checks a callback's age on the same (scaled) clock, so both must share it.
   */
  static ViberSimulator startSimulator(URI herald, Clock clock) {
    return new ViberSimulator(
        API_KEY,
        API_SECRET,
        SIGNATURE_SECRET,
        Optional.of(callbackUrl(herald)),
        HeraldNode.objectMapper(),
        clock);
  }

  /**
   * The node's Viber section: the simulator's API and credentials. Times are on the demo's clock,
   * which runs up to 3600 times faster: a callback may be a day old on it (24 real seconds at most)
   * — it is signed and checked on that clock, so a few real milliseconds in transit must not make
   * it stale; the sweep that polls for lost reports runs every two real seconds.
   */
  static ViberConfig config(ViberConfig loaded, ViberSimulator viber, URI herald) {
    return new ViberConfig(
        true,
        viber.baseUrl(),
        API_KEY,
        API_SECRET,
        SIGNATURE_SECRET,
        callbackUrl(herald),
        Duration.ofSeconds(2),
        loaded.pollLookback(),
        loaded.requestTimeout(),
        Duration.ofDays(1));
  }

  private static URI callbackUrl(URI herald) {
    return herald.resolve("/viber/reports");
  }

  /** Imports the phones and creates the Viber campaign as the account of {@code env}; its id. */
  String create(Map<String, String> env, Path dir) throws IOException {
    Path phones = dir.resolve("viber-phones.csv");
    try (Writer out = Files.newBufferedWriter(phones, StandardCharsets.UTF_8)) {
      out.write("Ім'я,Телефон\n");
      for (int digit = 0; digit < NAMES.size(); digit++) {
        out.write(NAMES.get(digit) + "," + phone(digit) + "\n");
      }
    }
    cli.out()
        .printf(
            "== Viber: Demo Company also sends a Viber message to %d customers (%s) through a"
                + " Viber provider simulator (Vonage Messages API) on 127.0.0.1:%d; where Viber"
                + " cannot deliver, the SMS fallback goes through the same SMSC%n",
            NAMES.size(), phones.getFileName(), viber.port());
    demo.importList(env, phones, LIST);
    Path text = Files.writeString(dir.resolve("viber.txt"), TEXT);
    Path fallback = Files.writeString(dir.resolve("viber-fallback.txt"), FALLBACK);
    String id =
        demo.createCampaign(
            env,
            "--channel",
            "viber",
            "--list",
            LIST,
            "--from",
            SENDER,
            "--text",
            text.toString(),
            "--ttl",
            "1d",
            "--fallback-text",
            fallback.toString(),
            "--fallback-from",
            DemoSms.SENDER);
    cli.out()
        .println(
            "== Viber campaign "
                + id
                + " created, sender \""
                + SENDER
                + "\": "
                + TEXT
                + "\n   SMS fallback from "
                + DemoSms.SENDER
                + ": "
                + FALLBACK);
    return id;
  }

  /**
   * Once the campaign has sent everything and every report and fallback receipt is in: prints what
   * became of each phone and the campaign's counters. False when that did not happen in time (said
   * on stderr).
   */
  boolean finish(Map<String, String> env, String id) throws Exception {
    HeraldClient client =
        new HeraldClient(cli.serverUrl(env), env.get("HERALD_API_KEY"), cli.json());
    Optional<JsonNode> done =
        DemoSms.await(
            () -> {
              JsonNode c = client.get("api/campaigns/" + id);
              return c.path("state").asText().equals("completed") && settled(c) && allSeen(c)
                  ? Optional.of(c)
                  : Optional.empty();
            });
    if (done.isEmpty()) {
      cli.err()
          .println("herald: the demo's Viber campaign did not complete with its reports in time");
      return false;
    }
    Set<String> texted =
        smsc.submitted().stream()
            .map(SmscSimulator.Submitted::destination)
            .collect(Collectors.toSet());
    cli.out().println("== what became of each Viber message (the provider's last status):");
    for (Received r :
        viber.received().stream().sorted(Comparator.comparing(Received::to)).toList()) {
      String number = r.to().startsWith("+") ? r.to().substring(1) : r.to();
      cli.out()
          .printf(
              "   +%s  Viber %-14s%s%n",
              number,
              viber.status(r.clientRef()),
              texted.contains(number) ? "-> SMS fallback sent" : "");
    }
    sub(env, "campaign", "status", id);
    JsonNode c = done.get();
    cli.out()
        .printf(
            "== the Viber campaign: %d recipients; on Viber %d delivered (%d seen); %d fell back"
                + " to SMS, %d delivered by SMS; %d blocked the sender (suppressed)%n",
            c.path("recipients").asLong(),
            total(c, "viber_delivered"),
            total(c, "seen"),
            total(c, "fallen_back"),
            total(c, "delivered"),
            total(c, "blocked"));
    return true;
  }

  /**
   * Every recipient has its last word: nothing awaits a Viber report, a fallback or a receipt, and
   * each one was delivered on Viber, delivered or refused by SMS, blocked or left out.
   */
  private static boolean settled(JsonNode c) {
    long waiting =
        total(c, "viber_submitted") + total(c, "fallback_pending") + total(c, "submitted");
    long last =
        total(c, "viber_delivered")
            + total(c, "blocked")
            + total(c, "viber_undelivered")
            + total(c, "viber_expired")
            + total(c, "not_viber_user")
            + total(c, "delivered")
            + total(c, "undeliverable")
            + total(c, "rejected")
            + total(c, "expired")
            + total(c, "suppressed")
            + total(c, "failed");
    return waiting == 0 && last >= c.path("recipients").asLong();
  }

  /**
   * Every message the simulator will report read was counted seen: its read status follows the
   * delivered one, so a campaign can look settled a moment before its last "seen" arrives.
   */
  private boolean allSeen(JsonNode c) {
    long read =
        viber.received().stream().filter(r -> Fate.of(r.to()) == Fate.DELIVERED_THEN_READ).count();
    return total(c, "seen") >= read;
  }

  private void sub(Map<String, String> env, String... args) {
    demo.sub(env, args);
  }

  private static long total(JsonNode campaign, String counter) {
    return CampaignCommand.OnCampaign.total(campaign, counter);
  }

  /** A demo Viber phone ending in {@code digit}, which decides its fate: +380 93 123 45 0d. */
  private static String phone(int digit) {
    return "+38093123450" + digit;
  }
}
