package io.herald.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.audience.AudienceStore;
import io.herald.campaign.CampaignStore;
import io.herald.campaign.ViberDraftCheck;
import io.herald.channel.sms.ShortLinks;
import io.herald.channel.viber.CampaignViberMessages;
import io.herald.channel.viber.HttpViberImages;
import io.herald.channel.viber.ViberCampaignChannel;
import io.herald.channel.viber.ViberComposer;
import io.herald.channel.viber.ViberCreateCheck;
import io.herald.channel.viber.ViberEvents;
import io.herald.channel.viber.ViberFeedback;
import io.herald.channel.viber.ViberPreviews;
import io.herald.channel.viber.ViberSweeps;
import io.herald.channel.viber.ViberWebhooks;
import io.herald.channel.viber.vonage.VonageAccount;
import io.herald.channel.viber.vonage.VonageCallbacks;
import io.herald.channel.viber.vonage.VonageViberGateway;
import io.herald.config.ViberConfig;
import io.herald.delivery.CampaignChannel;
import io.herald.delivery.WorkQueue;
import io.herald.store.redis.Redis;
import io.herald.store.redis.RedisShortLinks;
import io.herald.store.redis.RedisViberDue;
import io.herald.web.ViberCallbackRoutes;
import io.herald.webhook.WebhookEvents;
import java.time.Clock;
import java.util.Deque;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The Viber channel, wired apart from {@link HeraldNode} when {@code viber.enabled}: the Vonage
 * gateway, the reports' way into the ledger ({@link ViberFeedback}, from signed callbacks and from
 * the sweep that polls and expires), the campaign channel with its SMS fallback through the SMS
 * campaign channel (none when SMS is off: a campaign with a fallback then waits), and previews.
 * {@link #createCheck} is what campaign creation checks of a Viber draft on a node that sends
 * Viber. Closeable parts are pushed on the node's resources.
 */
record ViberWiring(
    ViberCampaignChannel channel, ViberCallbackRoutes callbacks, ViberPreviews previews) {

  /** What the Viber channel shares with the rest of the node. */
  record Shared(
      Redis redis,
      ObjectMapper mapper,
      CampaignStore campaigns,
      AudienceStore audience,
      WorkQueue queue,
      ShortLinks shortLinks,
      WebhookEvents events,
      String baseUrl,
      Clock clock,
      RandomGenerator random) {}

  /** The check of a Viber draft at create: the unsubscribe line's room, the image. */
  static ViberDraftCheck createCheck(ViberConfig config, String baseUrl) {
    return config.enabled()
        ? new ViberCreateCheck(
            baseUrl,
            RedisShortLinks.CODE_LENGTH,
            new HttpViberImages(HttpViberImages.Settings.defaults()))
        : ViberDraftCheck.NONE;
  }

  static Optional<ViberWiring> of(
      ViberConfig config,
      Shared shared,
      Optional<CampaignChannel> sms,
      Deque<AutoCloseable> resources) {
    if (!config.enabled()) {
      return Optional.empty();
    }
    Clock clock = shared.clock();
    VonageViberGateway gateway =
        new VonageViberGateway(
            new VonageAccount(
                config.baseUrl(),
                config.apiKey(),
                config.apiSecret(),
                config.requestTimeout(),
                config.pollLookback()),
            shared.mapper(),
            clock);
    resources.push(gateway);
    RedisViberDue due = new RedisViberDue(shared.redis());
    ViberFeedback.Events events =
        new ViberWebhooks(new ViberEvents(shared.events(), clock), shared.campaigns());
    ViberFeedback feedback =
        new ViberFeedback(
            shared.campaigns(), shared.audience(), shared.queue(), due, events, clock);
    ViberCampaignChannel channel =
        new ViberCampaignChannel(
            new ViberCampaignChannel.Parts(
                new CampaignViberMessages(
                    new ViberComposer(shared.shortLinks()), shared.audience()),
                gateway,
                feedback,
                due,
                sms,
                events,
                clock));
    resources.push(
        new ViberSweeps(
            gateway, feedback, due, shared.campaigns(), clock, Optional.of(config.pollInterval())));
    ViberCallbackRoutes callbacks =
        new ViberCallbackRoutes(
            new VonageCallbacks(
                config.signatureSecret(), config.callbackMaxAge(), shared.mapper(), clock),
            feedback,
            shared.mapper());
    ViberPreviews previews =
        new ViberPreviews(
            shared.audience(), shared.baseUrl(), RedisShortLinks.CODE_LENGTH, shared.random());
    return Optional.of(new ViberWiring(channel, callbacks, previews));
  }
}
