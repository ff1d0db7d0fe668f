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
import io.herald.campaign.Recipient;
import io.herald.testing.Await;
import io.herald.testing.TestNode;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.random.RandomGenerator;
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
  DeliveryWorker worker;
  io.herald.campaign.CampaignStore store;

  /**
   * Plain messages through Jakarta Mail to GreenMail: the real composer comes with its own tests.
   */
  final class PlainMessages implements MessageFactory {
    @Override
    public Built build(Campaign campaign, Recipient recipient) throws MessageRefused {
      try {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress(campaign.fromAddress()));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(recipient.email()));
        message.setSubject(campaign.subject() + " " + recipient.number());
        message.setText("hello " + recipient.name(), "UTF-8");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return new Built(new Envelope("bounces@herald.test", recipient.email()), out.toByteArray());
      } catch (Exception e) {
        throw new MessageRefused(e.getMessage(), e);
      }
    }
  }

  /** Sends through a real SMTP session to GreenMail. */
  static final class SmtpToGreenMail implements EmailTransport {
    @Override
    public SendOutcome send(Envelope envelope, byte[] rfc822) {
      try {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(mail.getSmtp().getPort()));
        props.put("mail.smtp.from", envelope.mailFrom());
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(rfc822));
        Transport.send(message, new InternetAddress[] {new InternetAddress(envelope.rcptTo())});
        return new SendOutcome.Delivered("250 OK");
      } catch (Exception e) {
        return new SendOutcome.Deferred(String.valueOf(e.getMessage()), false, Duration.ZERO);
      }
    }
  }

  @BeforeEach
  void start() throws Exception {
    node =
        HeraldNode.start(
            TestNode.config(data), Optional.of(TestNode.ADMIN_TOKEN), Clock.systemUTC());
    account = node.accounts().create("Sender Co").account().id();
    store = node.campaignStore();
    var queue = node.workQueue();
    campaigns = node.campaigns();
    worker =
        new DeliveryWorker(
            new DeliveryWorker.Parts(
                queue,
                store,
                campaigns,
                node.audience(),
                new PlainMessages(),
                new SmtpToGreenMail(),
                RetryPolicy.defaults(),
                Clock.systemUTC(),
                RandomGenerator.getDefault()),
            "test-worker",
            8,
            Duration.ofSeconds(30));
  }

  @AfterEach
  void stop() {
    worker.close();
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
    var stats = store.stats(account, campaign.id());
    assertThat(stats.get(Phase.ALL, "delivered")).isEqualTo(40);
    assertThat(stats.get(Phase.ALL, "sent")).isEqualTo(40);
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
                    return m.getAllRecipients()[0].toString().equals("r3@example.com");
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
}
