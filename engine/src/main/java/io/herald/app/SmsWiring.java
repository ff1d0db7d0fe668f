package io.herald.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.account.AccountId;
import io.herald.audience.AudienceStore;
import io.herald.campaign.CampaignStore;
import io.herald.channel.sms.DeliveryReceipt;
import io.herald.channel.sms.MobileReply;
import io.herald.channel.sms.QuietHours;
import io.herald.channel.sms.ReceiptState;
import io.herald.channel.sms.ShortLinks;
import io.herald.channel.sms.SmsCampaignChannel;
import io.herald.channel.sms.SmsComposer;
import io.herald.channel.sms.SmsEncoding;
import io.herald.channel.sms.SmsFeedback;
import io.herald.channel.sms.SmsInbound;
import io.herald.channel.sms.SmsPreviews;
import io.herald.channel.sms.SmsReceiptStore;
import io.herald.channel.sms.SmsReceiptTimeouts;
import io.herald.channel.sms.SmsRef;
import io.herald.channel.sms.SmsTextRefused;
import io.herald.channel.sms.smpp.SmppGateway;
import io.herald.config.SmsConfig;
import io.herald.message.MessageId;
import io.herald.message.Messages;
import io.herald.message.TransactionalSms;
import io.herald.store.redis.Redis;
import io.herald.store.redis.RedisShortLinks;
import io.herald.store.redis.RedisSmsReceiptStore;
import io.herald.tracking.Engagements;
import io.herald.webhook.WebhookEvents;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

/**
 * The SMS channel, wired apart from {@link HeraldNode} when {@code sms.enabled}, in two steps
 * because transactional messages and SMS feedback need each other: {@link #gateway} first (the SMPP
 * gateway and the transactional SMS around it, before the transactional wiring), then {@link #of}
 * once messages and engagement exist (the receipt store and the feedback that receipts and replies
 * reach, the sweep that makes a receipt that never came {@code unknown}, the campaign channel and
 * previews). Until the second step a receipt or reply is refused, and the SMSC sends it again.
 * Closeable parts are pushed on the node's resources.
 */
record SmsWiring(SmsCampaignChannel channel, SmsPreviews previews) {
  /** How often a node looks for messages whose receipt deadline passed. */
  static final Duration TIMEOUT_SWEEP = Duration.ofSeconds(30);

  /** The first step: the gateway, and where its receipts and replies go once wired. */
  record Gateway(SmppGateway gateway, Late feedback, TransactionalSms transactional) {}

  /** What the SMS channel shares with the rest of the node. */
  record Shared(
      Redis redis,
      ObjectMapper mapper,
      CampaignStore campaigns,
      AudienceStore audience,
      Engagements engagements,
      WebhookEvents events,
      ShortLinks shortLinks,
      String baseUrl,
      Messages messages,
      Clock clock,
      RandomGenerator random) {}

  /** The SMS feedback, known only after the gateway started; refuses what comes before it. */
  static final class Late implements SmsInbound {
    private final AtomicReference<SmsFeedback> feedback = new AtomicReference<>();

    SmsFeedback get() {
      SmsFeedback wired = feedback.get();
      if (wired == null) {
        throw new IllegalStateException("SMS feedback is not wired yet");
      }
      return wired;
    }

    @Override
    public void receipt(DeliveryReceipt receipt) {
      get().receipt(receipt);
    }

    @Override
    public void reply(MobileReply reply) {
      get().reply(reply);
    }
  }

  static Optional<Gateway> gateway(
      SmsConfig config,
      MeterRegistry metrics,
      Clock clock,
      RandomGenerator random,
      Deque<AutoCloseable> resources) {
    if (!config.enabled()) {
      return Optional.empty();
    }
    Late late = new Late();
    SmppGateway gateway = new SmppGateway(config, late, metrics, clock, random);
    resources.push(gateway);
    TransactionalSms transactional =
        new TransactionalSms(
            gateway,
            text -> {
              try {
                return SmsEncoding.encode(text, random.nextInt(256));
              } catch (SmsTextRefused e) {
                throw new IllegalArgumentException(e.getMessage(), e);
              }
            },
            TransactionalSms::senderRule,
            (copy, ids) ->
                late.get()
                    .submitted(
                        ids,
                        SmsRef.message(
                            copy.account(),
                            copy.message().value(),
                            copy.recipient(),
                            copy.phone(),
                            copy.sender())));
    return Optional.of(new Gateway(gateway, late, transactional));
  }

  static SmsWiring of(
      SmsConfig config, Gateway started, Shared shared, Deque<AutoCloseable> resources) {
    Messages messages = shared.messages();
    SmsFeedback feedback =
        new SmsFeedback(
            new RedisSmsReceiptStore(shared.redis(), shared.mapper(), shared.clock()),
            shared.campaigns(),
            shared.audience(),
            shared.engagements(),
            shared.events(),
            new SmsFeedback.MessageOutcomes() {
              @Override
              public boolean record(SmsReceiptStore.Decided decided) {
                return messages.recordReceipt(
                    decided.ref().account(),
                    new MessageId(decided.ref().id()),
                    (int) decided.ref().number(),
                    new DeliveryReceipt(
                        decided.message(),
                        ReceiptState.valueOf(decided.outcome().name()),
                        decided.error(),
                        shared.clock().instant()));
              }

              @Override
              public boolean exists(AccountId account, String messageId) {
                return MessageId.parse(messageId)
                    .flatMap(id -> messages.status(account, id))
                    .isPresent();
              }
            },
            shared.clock(),
            new SmsFeedback.Settings(config.receiptTimeout(), config.undeliverableLimit()));
    started.feedback().feedback.set(feedback);
    resources.push(new SmsReceiptTimeouts(feedback, TIMEOUT_SWEEP));
    SmsCampaignChannel channel =
        new SmsCampaignChannel(
            new SmsCampaignChannel.Parts(
                // The concatenation reference needs no secret: ThreadLocalRandom, not the node's
                // SecureRandom, which read /dev/urandom for every SMS (bench/results/sms.md).
                new SmsComposer(shared.shortLinks(), ThreadLocalRandom.current()),
                started.gateway(),
                feedback,
                shared.campaigns(),
                shared.audience(),
                new QuietHours(config.quietHoursStart(), config.quietHoursEnd())));
    SmsPreviews previews =
        new SmsPreviews(
            shared.audience(), shared.baseUrl(), RedisShortLinks.CODE_LENGTH, shared.random());
    return new SmsWiring(channel, previews);
  }
}
