package io.herald.canary;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.herald.account.AccountId;
import io.herald.app.HeraldNode;
import io.herald.audience.ImportRequest;
import io.herald.audience.Suppression;
import io.herald.campaign.Campaign;
import io.herald.campaign.CampaignRefused;
import io.herald.campaign.CampaignState;
import io.herald.campaign.Phase;
import io.herald.config.HeraldConfig;
import io.herald.testing.Await;
import io.herald.testing.MutableClock;
import io.herald.testing.TestNode;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The canary release end to end on real parts (embedded Redis, the durable queue, workers,
 * GreenMail as the receiving server) with a manual clock: the sample goes first, nothing else
 * before a release, holds wait for an administrator, rejections stick across restarts.
 */
class CanaryReleaseTest {
  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path data;
  @TempDir Path files;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T09:00:00Z"));
  HeraldNode node;
  AccountId account;

  HeraldNode startNode() throws Exception {
    HeraldConfig base = TestNode.canaryConfig(data);
    node =
        HeraldNode.start(
            base.withDelivery(base.delivery().withSmarthost("127.0.0.1", mail.getSmtp().getPort()))
                .withCanary(base.canary().withTiming(Duration.ofHours(6), Duration.ofHours(1))),
            Optional.of(TestNode.ADMIN_TOKEN),
            clock);
    return node;
  }

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  Campaign started(int audience) throws Exception {
    startNode();
    account = node.accounts().create("Sender Co").account().id();
    TestNode.attestDomain(node, account, "sender.example");
    List<String> lines = new ArrayList<>(List.of("email,name"));
    for (int i = 1; i <= audience; i++) {
      lines.add("r" + i + "@example.com,Reader " + i);
    }
    Path file = Files.write(files.resolve("readers.csv"), lines, UTF_8);
    node.imports()
        .runNow(
            new ImportRequest(account, "readers", file, "readers.csv", Optional.empty(), false));
    Campaign draft =
        node.campaigns()
            .create(
                account,
                new io.herald.campaign.Campaigns.Draft(
                    "readers",
                    Map.of(),
                    "Sender Co",
                    "news@sender.example",
                    Optional.empty(),
                    "Hello",
                    "<p>Hi {{name}}</p>",
                    Optional.empty()));
    return node.campaigns().start(account, draft.id());
  }

  long counter(Campaign c, Phase phase, String name) {
    return node.campaignStore().stats(account, c.id()).get(phase, name);
  }

  void awaitCanaryDelivered(Campaign c, long size) throws Exception {
    Await.until(() -> counter(c, Phase.CANARY, "delivered"), n -> n == size);
  }

  void record(Campaign c, String counter, int times) {
    for (int i = 0; i < times; i++) {
      node.campaignStore().count(account, c.id(), Phase.CANARY, counter);
    }
  }

  CampaignState state(Campaign c) {
    return node.campaigns().find(account, c.id()).orElseThrow().state();
  }

  static Set<String> recipients() throws Exception {
    Set<String> to = new java.util.HashSet<>();
    for (MimeMessage m : mail.getReceivedMessages()) {
      to.add(((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress());
    }
    return to;
  }

  @Test
  void fiveHundredRecipientsSendACanaryOfFiftyAndTheRestOnlyAfterTheRelease() throws Exception {
    Campaign campaign = started(500);
    assertThat(campaign.state()).isEqualTo(new CampaignState.Sending(Phase.CANARY));
    awaitCanaryDelivered(campaign, 50);
    CanaryRecord record = node.canaries().of(account, campaign.id()).orElseThrow().canary();
    assertThat(record.size()).isEqualTo(50);
    assertThat(node.canaries().evaluate(account, campaign.id()))
        .get()
        .isInstanceOf(CanaryDecision.Wait.class);
    // The workers are idle: the rest is not sent before a release.
    assertThat(mail.getReceivedMessages()).hasSize(50);
    assertThat(counter(campaign, Phase.REST, "sent")).isZero();

    record(campaign, "opened", 14);
    record(campaign, "clicked", 3);
    clock.advance(Duration.ofHours(6).plusMinutes(1));
    assertThat(node.canaries().evaluate(account, campaign.id()))
        .get()
        .isInstanceOf(CanaryDecision.Release.class);

    Await.until(() -> state(campaign), s -> s instanceof CampaignState.Completed);
    assertThat(mail.getReceivedMessages()).hasSize(500);
    assertThat(recipients()).hasSize(500);
    assertThat(counter(campaign, Phase.REST, "delivered")).isEqualTo(450);
    assertThat(node.canaries().of(account, campaign.id()).orElseThrow().audit())
        .extracting(AuditEntry::action)
        .containsExactly("started", "released");
  }

  @Test
  void theSampleIsTheRecordedSeedsDraw() throws Exception {
    Campaign campaign = started(500);
    awaitCanaryDelivered(campaign, 50);
    CanaryRecord record = node.canaries().of(account, campaign.id()).orElseThrow().canary();
    Set<String> expected =
        CanarySample.choose(500, 50, record.seed()).stream()
            .map(
                n ->
                    node.campaignStore()
                        .check(account, campaign.id(), n)
                        .recipient()
                        .orElseThrow()
                        .email())
            .collect(Collectors.toSet());
    assertThat(recipients()).isEqualTo(expected);
  }

  @Test
  void tinyAndEmptyAudiences() throws Exception {
    Campaign five = started(5);
    awaitCanaryDelivered(five, 1);
    assertThat(node.canaries().of(account, five.id()).orElseThrow().canary().size()).isEqualTo(1);
    assertThat(mail.getReceivedMessages()).hasSize(1);

    node.audience().suppress(account, new Suppression("e:r1@example.com", "test", clock.instant()));
    for (int i = 2; i <= 5; i++) {
      node.audience()
          .suppress(account, new Suppression("e:r" + i + "@example.com", "test", clock.instant()));
    }
    Campaign none =
        node.campaigns()
            .start(
                account,
                node.campaigns()
                    .create(
                        account,
                        new io.herald.campaign.Campaigns.Draft(
                            "readers",
                            Map.of(),
                            "Sender Co",
                            "news@sender.example",
                            Optional.empty(),
                            "Again",
                            "<p>x</p>",
                            Optional.empty()))
                    .id());
    assertThat(none.state()).isEqualTo(new CampaignState.Completed());
    assertThat(none.recipients()).isZero();
    assertThat(node.canaries().of(account, none.id())).isEmpty();
  }

  @Test
  void aCanaryWithManyComplaintsIsHeldEarlyAndARejectionSticksAcrossARestart() throws Exception {
    Campaign campaign = started(500);
    awaitCanaryDelivered(campaign, 50);
    record(campaign, "complained", 8);
    clock.advance(Duration.ofMinutes(30));

    CanaryDecision decision = node.canaries().evaluate(account, campaign.id()).orElseThrow();
    assertThat(decision).isInstanceOf(CanaryDecision.Hold.class);
    assertThat(decision.report().text()).containsIgnoringCase("complain");
    assertThat(state(campaign)).isEqualTo(new CampaignState.Held());
    assertThat(node.canaries().held()).extracting(r -> r.campaign().id()).contains(campaign.id());

    assertThatThrownBy(() -> node.canaries().reject(campaign.id(), " "))
        .isInstanceOf(CampaignRefused.class);
    node.canaries().reject(campaign.id(), "purchased list: complaints far above the limit");
    assertThat(state(campaign)).isEqualTo(new CampaignState.Rejected());
    assertThat(node.canaries().held()).isEmpty();

    node.close();
    clock.advance(Duration.ofHours(7));
    startNode();
    node.canaries().evaluateAll();
    assertThat(state(campaign)).isEqualTo(new CampaignState.Rejected());
    assertThat(mail.getReceivedMessages()).hasSize(50);
    Canaries.Review review = node.canaries().of(account, campaign.id()).orElseThrow();
    assertThat(review.canary().rejection())
        .contains("purchased list: complaints far above the limit");
    assertThat(review.audit())
        .extracting(AuditEntry::action)
        .containsExactly("started", "held", "rejected");
  }

  @Test
  void anApprovedHoldReleasesTheRestExceptWhoUnsubscribedMeanwhile() throws Exception {
    Campaign campaign = started(200);
    awaitCanaryDelivered(campaign, 20);
    Set<String> canary = recipients();
    String outside =
        java.util.stream.IntStream.rangeClosed(1, 200)
            .mapToObj(i -> "r" + i + "@example.com")
            .filter(a -> !canary.contains(a))
            .findFirst()
            .orElseThrow();
    node.audience()
        .suppress(account, new Suppression("e:" + outside, "unsubscribed", clock.instant()));
    record(campaign, "complained", 6);
    assertThat(node.canaries().evaluate(account, campaign.id()).orElseThrow())
        .isInstanceOf(CanaryDecision.Hold.class);

    node.canaries().approve(campaign.id(), "known sender; complaints from a test seed list");

    Await.until(() -> state(campaign), s -> s instanceof CampaignState.Completed);
    assertThat(recipients()).hasSize(199).doesNotContain(outside);
    assertThat(counter(campaign, Phase.REST, "suppressed")).isEqualTo(1);
  }

  @Test
  void theWindowSurvivesARestartAndIsDecidedOnce() throws Exception {
    Campaign campaign = started(100);
    awaitCanaryDelivered(campaign, 10);
    record(campaign, "opened", 3);
    node.close();
    clock.advance(Duration.ofHours(6).plusMinutes(5));
    startNode();

    node.canaries().evaluateAll();
    node.canaries().evaluateAll();
    Await.until(() -> state(campaign), s -> s instanceof CampaignState.Completed);
    assertThat(mail.getReceivedMessages()).hasSize(100);
    assertThat(node.canaries().of(account, campaign.id()).orElseThrow().audit())
        .extracting(AuditEntry::action)
        .containsExactly("started", "released");
    assertThat(Arrays.stream(mail.getReceivedMessages()).count()).isEqualTo(100);
  }
}
