package io.herald.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.audience.AudienceStore;
import io.herald.campaign.CampaignStore;
import io.herald.channel.sms.QuietHours;
import io.herald.channel.sms.ShortLinks;
import io.herald.channel.sms.SmsCampaignChannel;
import io.herald.channel.sms.SmsComposer;
import io.herald.channel.sms.SmsFeedback;
import io.herald.channel.sms.SmsReceiptTimeouts;
import io.herald.channel.sms.smpp.SmppGateway;
import io.herald.config.SmsConfig;
import io.herald.store.redis.Redis;
import io.herald.store.redis.RedisSmsReceiptStore;
import io.herald.tracking.Engagements;
import io.herald.webhook.WebhookEvents;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Deque;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The SMS channel, wired apart from {@link HeraldNode} when {@code sms.enabled}: the receipt store
 * and the feedback that receipts and replies reach, the SMPP gateway (which hands them over), the
 * sweep that makes a receipt that never came {@code unknown}, and the campaign channel that
 * composes and submits. Its closeable parts are pushed on the node's resources.
 */
record SmsWiring(SmppGateway gateway, SmsFeedback feedback, SmsCampaignChannel channel) {
  /** How often a node looks for messages whose receipt deadline passed. */
  static final Duration TIMEOUT_SWEEP = Duration.ofSeconds(30);

  /** What the SMS channel shares with the rest of the node. */
  record Shared(
      Redis redis,
      ObjectMapper mapper,
      CampaignStore campaigns,
      AudienceStore audience,
      Engagements engagements,
      WebhookEvents events,
      ShortLinks shortLinks,
      MeterRegistry metrics,
      Clock clock,
      RandomGenerator random) {}

  static Optional<SmsWiring> of(SmsConfig config, Shared shared, Deque<AutoCloseable> resources) {
    if (!config.enabled()) {
      return Optional.empty();
    }
    SmsFeedback feedback =
        new SmsFeedback(
            new RedisSmsReceiptStore(shared.redis(), shared.mapper(), shared.clock()),
            shared.campaigns(),
            shared.audience(),
            shared.engagements(),
            shared.events(),
            SmsFeedback.MessageOutcomes.NONE,
            shared.clock(),
            new SmsFeedback.Settings(config.receiptTimeout(), config.undeliverableLimit()));
    SmppGateway gateway =
        new SmppGateway(config, feedback, shared.metrics(), shared.clock(), shared.random());
    resources.push(gateway);
    resources.push(new SmsReceiptTimeouts(feedback, TIMEOUT_SWEEP));
    SmsCampaignChannel channel =
        new SmsCampaignChannel(
            new SmsCampaignChannel.Parts(
                new SmsComposer(shared.shortLinks(), shared.random()),
                gateway,
                feedback,
                shared.campaigns(),
                shared.audience(),
                new QuietHours(config.quietHoursStart(), config.quietHoursEnd())));
    return Optional.of(new SmsWiring(gateway, feedback, channel));
  }
}
