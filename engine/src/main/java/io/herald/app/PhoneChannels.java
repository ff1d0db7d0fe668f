package io.herald.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.audience.AudienceStore;
import io.herald.campaign.CampaignStore;
import io.herald.channel.sms.ShortLinks;
import io.herald.channel.sms.SmsPreviews;
import io.herald.channel.viber.ViberPreviews;
import io.herald.config.HeraldConfig;
import io.herald.delivery.CampaignChannel;
import io.herald.delivery.WorkQueue;
import io.herald.message.Messages;
import io.herald.store.redis.Redis;
import io.herald.tracking.Engagements;
import io.herald.web.ViberCallbackRoutes;
import io.herald.webhook.WebhookEvents;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The campaign channels that reach phones, wired for {@link HeraldNode}: SMS when its gateway was
 * started ({@link SmsWiring}), then Viber when {@code viber.enabled} ({@link ViberWiring}), whose
 * fallback goes through the SMS channel. What the HTTP server needs of them comes along: SMS
 * previews, the Viber report callbacks and previews.
 */
record PhoneChannels(
    List<CampaignChannel> channels,
    Optional<SmsPreviews> smsPreviews,
    Optional<ViberCallbackRoutes> viberCallbacks,
    Optional<ViberPreviews> viberPreviews) {

  /** What the phone channels share with the rest of the node. */
  record Shared(
      Redis redis,
      ObjectMapper mapper,
      CampaignStore campaigns,
      AudienceStore audience,
      WorkQueue queue,
      Engagements engagements,
      WebhookEvents events,
      ShortLinks shortLinks,
      Messages messages,
      Clock clock,
      RandomGenerator random) {}

  static PhoneChannels of(
      HeraldConfig config,
      Optional<SmsWiring.Gateway> smsGateway,
      Shared shared,
      Deque<AutoCloseable> resources) {
    String baseUrl = config.tracking().baseUrl().toString();
    Optional<SmsWiring> sms =
        smsGateway.map(
            started ->
                SmsWiring.of(
                    config.sms(),
                    started,
                    new SmsWiring.Shared(
                        shared.redis(),
                        shared.mapper(),
                        shared.campaigns(),
                        shared.audience(),
                        shared.engagements(),
                        shared.events(),
                        shared.shortLinks(),
                        baseUrl,
                        shared.messages(),
                        shared.clock(),
                        shared.random()),
                    resources));
    Optional<ViberWiring> viber =
        ViberWiring.of(
            config.viber(),
            new ViberWiring.Shared(
                shared.redis(),
                shared.mapper(),
                shared.campaigns(),
                shared.audience(),
                shared.queue(),
                shared.shortLinks(),
                shared.events(),
                baseUrl,
                shared.clock(),
                shared.random()),
            sms.map(SmsWiring::channel),
            resources);
    List<CampaignChannel> channels = new ArrayList<>();
    sms.ifPresent(s -> channels.add(s.channel()));
    viber.ifPresent(v -> channels.add(v.channel()));
    return new PhoneChannels(
        List.copyOf(channels),
        sms.map(SmsWiring::previews),
        viber.map(ViberWiring::callbacks),
        viber.map(ViberWiring::previews));
  }
}
