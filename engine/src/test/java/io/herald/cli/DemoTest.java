package io.herald.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code herald demo} end to end, small and fast: the healthy list's canary is released and its
 * campaign completes, the purchased list's canary is held and rejected — decided by the real scorer
 * from what the simulated audience did through the real endpoints and the inbound feedback path — a
 * short SMS campaign goes through the demo's SMSC simulator, with receipts and a STOP reply, and a
 * short Viber campaign through the demo's Viber simulator, falling back to SMS where Viber cannot
 * deliver. (The default demo is the same with a bigger healthy list and a 60-second window.)
 *
 * <p>The purchased list keeps the demo's 2,000 rows: its canary of 200 (sampled by campaign id, so
 * different each run) holds about 40 dead addresses, far above the roughly 21 that a hold needs. A
 * canary of 100 (1,000 rows) expects 20 against a threshold near 13 and was released in about one
 * run in forty.
 */
class DemoTest {
  @Test
  void theHealthyListIsReleasedAndThePurchasedListHeld() {
    java.time.Instant started = Instant.now();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        HeraldCli.run(
            Map.of(),
            new PrintStream(out, true, UTF_8),
            new PrintStream(err, true, UTF_8),
            "demo",
            "--rows",
            "400",
            "--purchased-rows",
            "2000",
            "--time-scale",
            "2400");
    String printed = out.toString(UTF_8);
    assertThat(code).as(printed + err.toString(UTF_8)).isZero();
    assertThat(printed)
        .contains("healthy canary decision: release")
        .contains("purchased canary decision: hold")
        .contains("FAILING")
        .contains("rejected: purchased list")
        .containsPattern("campaign [0-9a-f]{16}: completed, 401 recipients")
        .contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    // The pages, with a demo owner and administrator who sign in through a one-time link.
    assertThat(printed)
        .containsPattern("== the pages: http://127\\.0\\.0\\.1:\\d+/app")
        .containsPattern("owner signs in by choosing a password at http\\S+/app/\\S+")
        .containsPattern("a staff administrator, at http\\S+/app/\\S+");
    // Herald's own log lines go to a file, not into the story.
    assertThat(printed).containsPattern("== Herald's own log lines go to \\S+\\.log");
    // The developer's part, at real time (before the clock runs faster): relay with AUTH, API with
    // an idempotency key, a DSN by SMTP.
    assertThat(printed).containsPattern("== transactional mail, at real time");
    Matcher accepted = Pattern.compile("accepted (\\d{4}-\\d\\d-\\d\\dT\\S+Z)").matcher(printed);
    assertThat(accepted.find()).as("the tour prints when a message was accepted").isTrue();
    assertThat(Instant.parse(accepted.group(1)))
        .as("a real time, not the scaled clock's")
        .isBetween(started.minusSeconds(60), Instant.now().plusSeconds(60));
    assertThat(printed)
        .containsPattern("relay, AUTH as Demo Shop, to olena@shop-customers.example: 250 2.0.0")
        .containsPattern("DSN by SMTP to bounces\\+\\S+, no AUTH: 250")
        .containsPattern("no-such-user@shop-customers.example: bounced \\(hard\\)")
        // ... and the shop's webhook got the late bounce, signed.
        .containsPattern("signatures verified; 0 refused")
        .containsPattern("   delivered olena@shop-customers.example ")
        .containsPattern("   bounced no-such-user@shop-customers.example .*\"late\":true");
    // The purchased audience's dead addresses came back as DSNs through the inbound endpoint.
    assertThat(printed).containsPattern("purchased audience did .*dsn \\(user unknown\\)=[1-9]");
    // SMS: 20 phones through the demo's SMSC, in Ukrainian (UCS-2) with the opt-out line and its
    // short link; two numbers are dead, one customer replies STOP.
    assertThat(printed)
        .contains("== SMS: Demo Company also texts 20 customers")
        .containsPattern("data_coding 0x08\\); the SMS to \\+380\\d+, joined:")
        .containsPattern("Відписатися: http\\S+/s/\\S+")
        .containsPattern("replies \"STOP\" to DemoCompany")
        .containsPattern(
            "the SMS campaign's statistics: 20 recipients, [1-9]\\d* parts submitted; delivered 18,"
                + " undeliverable 2, awaiting a receipt 0; unsubscribed 1");
    // Viber: ten phones through the demo's Viber simulator, whose fate is the last digit; the three
    // Viber cannot reach (no Viber, undeliverable, expired) get the SMS fallback through the same
    // SMSC, the one who blocks the sender gets neither.
    assertThat(printed)
        .contains("== Viber: Demo Company also sends a Viber message to 10 customers")
        .containsPattern("\\+380931234500  Viber rejected +-> SMS fallback sent")
        .containsPattern("\\+380931234509  Viber undeliverable +-> SMS fallback sent")
        .containsPattern("\\+380931234508  Viber rejected +-> SMS fallback sent")
        .containsPattern("\\+380931234501  Viber read *\\R")
        .containsPattern("\\+380931234507  Viber delivered *\\R")
        .containsPattern("\\+380931234506  Viber rejected *\\R")
        .containsPattern("Viber campaign [0-9a-f]{16}: completed, 10 recipients")
        .contains(
            "the Viber campaign: 10 recipients; on Viber 6 delivered (5 seen); 3 fell back to SMS,"
                + " 3 delivered by SMS; 1 blocked the sender (suppressed)");
  }
}
