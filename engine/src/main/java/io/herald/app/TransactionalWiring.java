package io.herald.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.account.AccountId;
import io.herald.account.SenderDomains;
import io.herald.audience.AudienceStore;
import io.herald.channel.email.DkimSigning;
import io.herald.channel.email.TransactionalEmails;
import io.herald.config.HeraldConfig;
import io.herald.delivery.EmailTransport;
import io.herald.delivery.RetryPolicy;
import io.herald.message.Limits;
import io.herald.message.MessageMetrics;
import io.herald.message.MessageQuota;
import io.herald.message.Messages;
import io.herald.message.TransactionalQueue;
import io.herald.message.TransactionalSms;
import io.herald.message.TransactionalWorker;
import io.herald.store.redis.Redis;
import io.herald.store.redis.RedisMessageStore;
import io.herald.tracking.TokenSigner;
import io.herald.webhook.WebhookEvents;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * The transactional side of a node (messages from the API and the SMTP relay): their store, the
 * composer, the worker on their own queue, and {@link Messages}, which accepts them. Wired apart
 * from {@link HeraldNode} so that each stays readable; the node owns and closes the worker. SMS
 * comes as a {@link TransactionalSms} built by the caller around the SMS gateway, the encoder and
 * the sender ID parser (empty when SMS is not configured: an SMS is then refused with 422).
 */
record TransactionalWiring(RedisMessageStore store, TransactionalWorker worker, Messages messages) {
  /** What the transactional side shares with the rest of the node. */
  record Shared(
      Redis redis,
      ObjectMapper mapper,
      TransactionalQueue queue,
      AudienceStore audience,
      TokenSigner signer,
      EmailTransport transport,
      RetryPolicy retries,
      MeterRegistry metrics,
      Clock clock,
      RandomGenerator random,
      WebhookEvents events,
      Predicate<AccountId> frozen,
      SenderDomains senders,
      List<DkimSigning> operatorKeys,
      MessageQuota quota) {}

  static TransactionalWiring of(
      HeraldConfig config, Shared shared, String consumer, Optional<TransactionalSms> sms) {
    RedisMessageStore store = new RedisMessageStore(shared.redis(), shared.mapper());
    TransactionalEmails mail =
        new TransactionalEmails(
            shared.signer(),
            config.tracking().baseUrl(),
            config.delivery().returnPathDomain(),
            shared.clock(),
            shared.random(),
            shared.operatorKeys(),
            shared.senders());
    MessageMetrics metrics = new MessageMetrics(shared.metrics());
    TransactionalWorker worker =
        new TransactionalWorker(
            new TransactionalWorker.Parts(
                shared.queue(),
                store,
                shared.audience(),
                mail,
                shared.transport(),
                shared.retries(),
                metrics,
                shared.clock(),
                shared.random(),
                shared.events(),
                shared.frozen(),
                sms),
            consumer,
            config.delivery().concurrency(),
            config.delivery().reclaimAfter());
    Messages messages =
        new Messages(
            new Messages.Parts(
                store,
                shared.audience(),
                mail,
                metrics,
                worker::nudge,
                shared.clock(),
                shared.random(),
                shared.events(),
                shared.senders(),
                sms),
            Limits.defaults().withMaxRawBytes(config.relay().maxMessageSize()),
            config.delivery().returnPathDomain(),
            shared.quota());
    return new TransactionalWiring(store, worker, messages);
  }
}
