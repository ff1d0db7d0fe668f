package io.herald.delivery;

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
import io.herald.campaign.Campaigns;
import io.herald.campaign.Phase;
import io.herald.testing.Await;
import io.herald.testing.TestNode;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A campaign from start to completion on real parts: the embedded Redis, the durable queue, a
 * worker, and GreenMail as the receiving SMTP server.
 */
class CampaignDeliveryTest {
  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path data;
  @TempDir Path files;
  HeraldNode node;
  AccountId account;
  Campaigns campaigns;
  io.herald.campaign.CampaignStore store;

  @BeforeEach
  void start() throws Exception {
    var base = TestNode.config(data);
    node =
        HeraldNode.start(
            base.withDelivery(base.delivery().withSmarthost("127.0.0.1", mail.getSmtp().getPort())),
            Optional.of(TestNode.ADMIN_TOKEN),
            Clock.systemUTC());
    account = node.accounts().create("Sender Co").account().id();
    TestNode.attestDomain(node, account, "sender.example");
    store = node.campaignStore();
    campaigns = node.campaigns();
  }

  @AfterEach
  void stop() {
    node.close();
  }

  private void importList(String name, int count, String... extra) throws Exception {
    List<String> lines = new ArrayList<>(List.of("email,name,city"));
    for (int i = 1; i <= count; i++) {
      lines.add("r" + i + "@example.com,Reader " + i + "," + (i % 2 == 0 ? "Kyiv" : "Lviv"));
    }
    lines.addAll(Arrays.asList(extra));
    Path file = Files.write(files.resolve(name + ".csv"), lines, UTF_8);
    node.imports()
        .runNow(new ImportRequest(account, name, file, name + ".csv", Optional.empty(), false));
  }

  private Campaigns.Draft draft(String list, Map<String, String> filter) {
    return new Campaigns.Draft(
        list,
        filter,
        "Sender Co",
        "news@sender.example",
        Optional.empty(),
        "Hello",
        "<p>Hi {{name}}</p>",
        Optional.empty());
  }

  private Campaign awaitState(Campaign campaign, Class<? extends CampaignState> state)
      throws Exception {
    return Await.until(
        () -> campaigns.find(account, campaign.id()).orElseThrow(),
        c -> state.isInstance(c.state()));
  }

  @Test
  void everyRecipientGetsExactlyOneMessageAndTheCampaignCompletes() throws Exception {
    importList("readers", 40);
    Campaign campaign = campaigns.create(account, draft("readers", Map.of()));

    Campaign started = campaigns.start(account, campaign.id());
    assertThat(started.recipients()).isEqualTo(40);
    awaitState(campaign, CampaignState.Completed.class);

    MimeMessage[] received = mail.getReceivedMessages();
    assertThat(received).hasSize(40);
    assertThat(
            Arrays.stream(received)
                .map(
                    m -> {
                      try {
                        return m.getAllRecipients()[0].toString();
                      } catch (Exception e) {
                        throw new IllegalStateException(e);
                      }
                    })
                .distinct())
        .hasSize(40);
    // Signed with the key of the account's own verified domain (R5), and only with it.
    assertThat(received[0].getHeader("DKIM-Signature"))
        .singleElement()
        .asString()
        .contains("d=sender.example")
        .contains("s=herald-");
    var stats = store.stats(account, campaign.id());
    assertThat(stats.get(Phase.ALL, "delivered")).isEqualTo(40);
    assertThat(stats.get(Phase.ALL, "sent")).isEqualTo(40);
    var metrics =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            "http://127.0.0.1:" + node.metricsPort().orElseThrow() + "/metrics"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("herald_smtp_outcomes_total").contains("delivered");
  }

  @Test
  void everyDeliveredMessageCarriesTheFootersAndUnsubscribeHeadersWhateverTheTemplateDoes()
      throws Exception {
    importList("compliance", 3);
    Campaign campaign =
        campaigns.create(
            account,
            new Campaigns.Draft(
                "compliance",
                Map.of(),
                "Sender Co",
                "news@sender.example",
                Optional.empty(),
                "Hi {{name}}",
                "<div style=\"display:none\">{{unsubscribe_url}}</div><p>No footer here</p>",
                Optional.empty()));
    campaigns.start(account, campaign.id());
    awaitState(campaign, CampaignState.Completed.class);

    assertThat(mail.getReceivedMessages())
        .hasSize(3)
        .allSatisfy(
            m -> {
              assertThat(m.getHeader("List-Unsubscribe")).isNotNull();
              assertThat(m.getHeader("List-Unsubscribe-Post"))
                  .containsExactly("List-Unsubscribe=One-Click");
              assertThat(m.getHeader("Return-Path")[0]).contains("bounces+");
              String body = com.icegreen.greenmail.util.GreenMailUtil.getBody(m);
              assertThat(body).contains("You receive this because").contains("/u/");
            });
  }

  @Test
  void theFilterAndSuppressionsShapeTheAudience() throws Exception {
    importList("filtered", 10);
    node.audience()
        .suppress(
            account,
            new Suppression("e:r2@example.com", "unsubscribed", Clock.systemUTC().instant()));

    Campaign campaign = campaigns.create(account, draft("filtered", Map.of("city", "Kyiv")));
    Campaign started = campaigns.start(account, campaign.id());

    assertThat(started.recipients()).isEqualTo(4); // r4, r6, r8, r10 (r2 suppressed)
    awaitState(campaign, CampaignState.Completed.class);
    assertThat(mail.getReceivedMessages()).hasSize(4);
  }

  @Test
  void aContactSuppressedAfterTheSnapshotIsNotWrittenTo() throws Exception {
    importList("late", 3);
    Campaign campaign = campaigns.create(account, draft("late", Map.of()));
    campaigns.start(account, campaign.id());
    // Paused before the worker reaches everyone is not guaranteed; suppress first, then check.
    node.audience()
        .suppress(
            account,
            new Suppression("e:r3@example.com", "unsubscribed", Clock.systemUTC().instant()));
    awaitState(campaign, CampaignState.Completed.class);

    long toR3 =
        Arrays.stream(mail.getReceivedMessages())
            .filter(
                m -> {
                  try {
                    return ((jakarta.mail.internet.InternetAddress) m.getAllRecipients()[0])
                        .getAddress()
                        .equals("r3@example.com");
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                })
            .count();
    var stats = store.stats(account, campaign.id());
    assertThat(stats.get(Phase.ALL, "delivered") + stats.get(Phase.ALL, "suppressed")).isEqualTo(3);
    assertThat(toR3).isEqualTo(stats.get(Phase.ALL, "suppressed") == 1 ? 0 : 1);
  }

  @Test
  void onlyADraftStartsAndACancelledCampaignSendsNothingMore() throws Exception {
    importList("once", 2);
    Campaign campaign = campaigns.create(account, draft("once", Map.of()));
    campaigns.cancel(account, campaign.id());

    assertThatThrownBy(() -> campaigns.start(account, campaign.id()))
        .isInstanceOfSatisfying(CampaignRefused.class, e -> assertThat(e.conflict()).isTrue());
    assertThat(mail.getReceivedMessages()).isEmpty();
  }

  @Test
  void aDraftNeedsAValidSenderAndAnExistingList() {
    assertThatThrownBy(
            () ->
                campaigns.create(
                    account,
                    new Campaigns.Draft(
                        "missing",
                        Map.of(),
                        "X",
                        "news@sender.example",
                        Optional.empty(),
                        "S",
                        "<p>x</p>",
                        Optional.empty())))
        .hasMessageContaining("no list");
    assertThatThrownBy(
            () ->
                campaigns.create(
                    account,
                    new Campaigns.Draft(
                        "missing",
                        Map.of(),
                        "X",
                        "not-an-address",
                        Optional.empty(),
                        "S",
                        "<p>x</p>",
                        Optional.empty())))
        .hasMessageContaining("invalid from address");
    assertThatThrownBy(
            () ->
                campaigns.create(
                    account,
                    new Campaigns.Draft(
                        "missing",
                        Map.of(),
                        "X",
                        "a@b.example",
                        Optional.empty(),
                        "S\r\nBcc: x@y",
                        "<p>x</p>",
                        Optional.empty())))
        .hasMessageContaining("single lines");
  }

  @Test
  void aTestSendReachesAddressesOffTheListAndCountsNothing() throws Exception {
    importList("tested", 2);
    Campaign campaign = campaigns.create(account, draft("tested", Map.of()));
    var samples =
        new CampaignSamples(
            node.audience(),
            new io.herald.channel.email.CampaignEmails(
                node.audience(),
                new io.herald.tracking.TokenSigner(new byte[32]),
                java.net.URI.create("https://t.example.com"),
                Optional.empty(),
                Clock.systemUTC(),
                java.util.random.RandomGenerator.getDefault(),
                List.of(),
                node.sendingDomains()),
            new io.herald.delivery.smtp.SmtpTransport(
                io.herald.delivery.smtp.SmtpSettings.smarthost(
                    io.herald.delivery.smtp.SmtpSettings.Route.Smarthost.plain(
                        "127.0.0.1", mail.getSmtp().getPort())),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));

    var sent = samples.testSend(campaign, List.of("boss@elsewhere.example", "r1@example.com"));

    assertThat(sent).extracting(s -> s.outcome()).allMatch(o -> o instanceof SendOutcome.Delivered);
    assertThat(mail.getReceivedMessages()).hasSize(2);
    assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(mail.getReceivedMessages()[1]))
        .contains("Hi Reader 1"); // a list member gets their own fields
    assertThat(store.stats(account, campaign.id()).counters()).isEmpty();
    assertThat(campaigns.find(account, campaign.id()).orElseThrow().state())
        .isInstanceOf(CampaignState.Draft.class);
    assertThatThrownBy(() -> samples.testSend(campaign, List.of("not-an-address")))
        .hasMessageContaining("@");
  }
}
