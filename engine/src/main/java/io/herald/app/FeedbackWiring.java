package io.herald.app;

import io.herald.audience.AudienceStore;
import io.herald.campaign.CampaignStore;
import io.herald.feedback.FeedbackParser;
import io.herald.feedback.InboundFeedback;
import io.herald.message.MessageId;
import io.herald.message.MessageStore;
import io.herald.message.Messages;
import io.herald.store.redis.Redis;
import io.herald.store.redis.RedisEngagementStore;
import io.herald.tracking.EngagementClassifier;
import io.herald.tracking.EngagementStore;
import io.herald.tracking.Engagements;
import io.herald.tracking.TokenSigner;
import io.herald.webhook.WebhookEvents;
import java.time.Clock;

/**
 * What comes back from sent messages, wired apart from {@link HeraldNode}: engagement through the
 * public endpoints ({@link Engagements}, with its store and the machine/human classifier) and
 * bounces and complaints that arrive by mail ({@link InboundFeedback} and its parser).
 */
record FeedbackWiring(
    EngagementStore engagementStore,
    Engagements engagements,
    FeedbackParser parser,
    InboundFeedback inbound) {
  static FeedbackWiring of(
      Redis redis,
      TokenSigner signer,
      AudienceStore audience,
      CampaignStore campaigns,
      MessageStore messageStore,
      Messages messages,
      Clock clock,
      WebhookEvents events) {
    EngagementClassifier.Rules rules = EngagementClassifier.Rules.DEFAULT;
    EngagementStore store = new RedisEngagementStore(redis, rules.linkBurst());
    Engagements engagements =
        new Engagements(
            signer,
            new EngagementClassifier(rules, clock),
            store,
            audience,
            campaigns,
            clock,
            (account, id) ->
                MessageId.parse(id).flatMap(m -> messageStore.status(account, m)).isPresent(),
            events);
    FeedbackParser parser = new FeedbackParser(signer);
    InboundFeedback inbound =
        new InboundFeedback(
            parser, signer, campaigns, audience, engagements, messages, clock, events);
    return new FeedbackWiring(store, engagements, parser, inbound);
  }
}
