package io.herald.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.herald.account.AccountId;
import io.herald.account.AccountStore;
import io.herald.account.Accounts;
import io.herald.account.AdminToken;
import io.herald.account.ApiKeys;
import io.herald.account.Freezes;
import io.herald.account.SendingDomains;
import io.herald.audience.AudienceStore;
import io.herald.audience.Imports;
import io.herald.campaign.CampaignStore;
import io.herald.campaign.Campaigns;
import io.herald.campaign.Channel;
import io.herald.canary.Canaries;
import io.herald.canary.CanaryLimits;
import io.herald.canary.CanaryMonitor;
import io.herald.canary.CanaryScorer;
import io.herald.channel.email.CampaignEmails;
import io.herald.channel.email.DkimKeys;
import io.herald.channel.email.DkimSigning;
import io.herald.config.HeraldConfig;
import io.herald.content.ContentClassifier;
import io.herald.content.ContentReview;
import io.herald.delivery.CampaignChannel;
import io.herald.delivery.CampaignSamples;
import io.herald.delivery.DeliveryWorker;
import io.herald.delivery.EmailChannel;
import io.herald.delivery.EmailTransport;
import io.herald.delivery.MessageFactory;
import io.herald.delivery.QueueDispatcher;
import io.herald.delivery.RetryPolicy;
import io.herald.delivery.WorkQueue;
import io.herald.delivery.smtp.SmtpSettingsFromConfig;
import io.herald.delivery.smtp.SmtpTransport;
import io.herald.feedback.FeedbackParser;
import io.herald.feedback.InboundFeedback;
import io.herald.importers.ContactFileReader;
import io.herald.message.Messages;
import io.herald.message.TransactionalQueue;
import io.herald.message.TransactionalSms;
import io.herald.message.TransactionalWorker;
import io.herald.plan.Billing;
import io.herald.plan.CampaignCosts;
import io.herald.plan.Plans;
import io.herald.plan.Quotas;
import io.herald.plan.RecipientCosts;
import io.herald.plan.TransactionalQuota;
import io.herald.policy.JurisdictionPolicy;
import io.herald.store.redis.Redis;
import io.herald.store.redis.RedisAccountStore;
import io.herald.store.redis.RedisApiKeyStore;
import io.herald.store.redis.RedisAudienceStore;
import io.herald.store.redis.RedisCampaignStore;
import io.herald.store.redis.RedisCanaryStore;
import io.herald.store.redis.RedisClusterSecrets;
import io.herald.store.redis.RedisHeartbeats;
import io.herald.store.redis.RedisPlanStore;
import io.herald.store.redis.RedisQuotaStore;
import io.herald.store.redis.RedisShortLinks;
import io.herald.store.redis.RedisTransactionalQueue;
import io.herald.store.redis.RedisWebhookStore;
import io.herald.store.redis.RedisWorkQueue;
import io.herald.submission.SmtpRelay;
import io.herald.tracking.EngagementStore;
import io.herald.tracking.Engagements;
import io.herald.tracking.TokenSigner;
import io.herald.tracking.TrackingSecret;
import io.herald.web.HttpServer;
import io.herald.web.MetricsServer;
import io.herald.webhook.SecretBox;
import io.herald.webhook.Webhooks;
import io.herald.work.NodeLiveness;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The composition root: builds every part of a Herald node from its configuration, by constructor,
 * and owns their lifecycle (closed in reverse order of start). Nothing else in Herald creates
 * services; there are no singletons to find.
 */
public final class HeraldNode implements AutoCloseable {
  private static final int MAX_CONCURRENT_IMPORTS = 2;

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final HttpServer http;
  private final AdminToken adminToken;
  private final Imports imports;
  private final AudienceStore audience;
  private final Accounts accounts;
  private final CampaignStore campaignStore;
  private final WorkQueue workQueue;
  private final Campaigns campaigns;
  private final Canaries canaries;
  private final DeliveryWorker worker;
  private final EngagementStore engagementStore;
  private final Engagements engagements;
  private final InboundFeedback inbound;
  private final SmtpRelay relay;
  private final Messages messages;
  private final TransactionalWorker transactional;
  private final Webhooks webhooks;
  private final TransactionalQueue transactionalQueue;
  private final Freezes freezes;
  private final Optional<MetricsServer> metricsServer;
  private final SendingDomains domains;
  private final RedisShortLinks shortLinks;
  private final Quotas quotas;
  private final Billing billing;

  private HeraldNode(
      HeraldConfig config,
      Optional<String> adminTokenValue,
      Clock clock,
      Optional<TransactionalSms> sms)
      throws IOException {
    SecureRandom random = new SecureRandom();
    ObjectMapper mapper = objectMapper();
    try {
      Redis redis = RedisStart.connect(config, resources);
      String consumer = ConsumerName.of(random); // one host lookup; one name per process
      // This node's heartbeat, so others take over its work within seconds if it dies (closed
      // after everything else: its heartbeat goes when its work has stopped).
      NodeLiveness liveness = new NodeLiveness(new RedisHeartbeats(redis), consumer);
      resources.push(liveness);
      AccountStore accountStore = new RedisAccountStore(redis, mapper);
      this.audience = new RedisAudienceStore(redis, mapper, clock);
      ApiKeys keys =
          new ApiKeys(
              accountStore, new RedisApiKeyStore(redis, mapper, accountStore), clock, random);
      this.accounts = new Accounts(accountStore, keys, clock, random);
      TokenSigner signer =
          TrackingSecret.signer(config.tracking().secret(), config.data().dir(), random);
      // Herald's own domains' keys, read once: they sign nothing of an account's, and no account
      // may claim their domains.
      List<DkimSigning> operatorKeys = DkimKeys.load(config.delivery().dkimKeys());
      this.domains =
          DomainWiring.sendingDomains(
              config, redis, mapper, accountStore, signer, operatorKeys, clock, random);
      this.campaignStore = new RedisCampaignStore(redis, mapper);
      RedisQuotaStore usage = new RedisQuotaStore(redis);
      Plans plans = new Plans(config.policy().plans(), new RedisPlanStore(redis, mapper), clock);
      this.quotas = new Quotas(usage, plans, audience);
      this.billing = new Billing(plans, usage, clock);
      RedisWorkQueue queue = new RedisWorkQueue(redis, Optional.of(liveness));
      resources.push(queue);
      this.workQueue = queue;
      QueueDispatcher dispatcher = new QueueDispatcher(workQueue, clock);
      RedisCanaryStore canaryStore = new RedisCanaryStore(redis, mapper);
      this.canaries =
          new Canaries(
              config.canary().enabled(),
              canaryStore,
              campaignStore,
              dispatcher,
              new CanaryScorer(CanaryLimits.defaults().withWindow(config.canary().window())),
              clock,
              random,
              config.policy().holdsProhibitedContent()
                  ? ContentReview.holding(new ContentClassifier())
                  : ContentReview.off());
      this.campaigns =
          new Campaigns(
              campaignStore,
              audience,
              dispatcher,
              canaries,
              domains,
              clock,
              random,
              channels(config),
              ViberWiring.createCheck(config.viber(), config.tracking().baseUrl().toString()),
              new CampaignCosts(
                  quotas,
                  new RecipientCosts(
                      config.tracking().baseUrl().toString(), RedisShortLinks.CODE_LENGTH)));
      this.transactionalQueue = new RedisTransactionalQueue(redis, mapper, Optional.of(liveness));
      this.freezes =
          new Freezes(
              accountStore,
              clock,
              Freezes.CACHE_FOR,
              new FreezeEffects(campaigns, canaryStore, transactionalQueue, clock));
      this.adminToken = AdminToken.load(adminTokenValue, config.data().dir(), random);
      ClusterSecrets.check(new RedisClusterSecrets(redis), signer, adminToken);
      ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
      resources.push(workers::close);
      this.imports =
          new Imports(
              audience,
              new ContactFileReader(ImportOptionsFromConfig.of(config.imports()))::read,
              new JurisdictionPolicy(config.policy().blockedRegions()),
              clock,
              random,
              config.imports().consentStatement(),
              workers,
              MAX_CONCURRENT_IMPORTS,
              quotas::subscriberRefusal);
      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      EmailTransport transport =
          new SmtpTransport(SmtpSettingsFromConfig.of(config.delivery()), metrics);
      resources.push(transport);
      MessageFactory messages =
          new CampaignEmails(
              audience,
              signer,
              config.tracking().baseUrl(),
              config.delivery().returnPathDomain(),
              clock,
              random,
              operatorKeys,
              domains);
      RetryPolicy retries =
          new RetryPolicy(
              Duration.ofMinutes(1), Duration.ofHours(1), config.delivery().retryMaxAge());
      // Webhooks before the workers that report to them: closed after them, so the events of
      // the last messages are still written out.
      this.webhooks =
          new Webhooks(
              new Webhooks.Parts(
                  new RedisWebhookStore(redis, mapper, Optional.of(liveness)),
                  new SecretBox(signer.derivedKey("webhook-secrets"), random),
                  mapper,
                  metrics,
                  clock,
                  random),
              config.webhooks(),
              consumer);
      resources.push(webhooks);
      resources.push(new CanaryMonitor(canaries, config.canary().checkEvery()));
      // SMS: the gateway first (transactional SMS go through it), its feedback once messages
      // and engagement exist (below). A test may bring its own transactional SMS instead.
      Optional<SmsWiring.Gateway> smsGateway =
          SmsWiring.gateway(config.sms(), metrics, clock, random, resources);
      Optional<TransactionalSms> txSms =
          sms.isPresent() ? sms : smsGateway.map(SmsWiring.Gateway::transactional);
      // Transactional messages (API, SMTP relay): their own queue and worker, same transport.
      TransactionalWiring tx =
          TransactionalWiring.of(
              config,
              new TransactionalWiring.Shared(
                  redis,
                  mapper,
                  transactionalQueue,
                  audience,
                  signer,
                  transport,
                  retries,
                  metrics,
                  clock,
                  random,
                  webhooks.events(),
                  freezes::isFrozen,
                  domains,
                  operatorKeys,
                  new TransactionalQuota(quotas, clock)),
              consumer,
              txSms);
      this.transactional = tx.worker();
      resources.push(transactional);
      this.messages = tx.messages();
      FeedbackWiring feedback =
          FeedbackWiring.of(
              redis,
              signer,
              audience,
              campaignStore,
              tx.store(),
              this.messages,
              clock,
              webhooks.events());
      this.engagementStore = feedback.engagementStore();
      this.engagements = feedback.engagements();
      this.inbound = feedback.inbound();
      FeedbackParser feedbackParser = feedback.parser();
      this.relay =
          SmtpRelay.start(
              config.relay(),
              config.data().dir(),
              new SmtpRelay.Parts(
                  accounts,
                  accountStore,
                  this.messages,
                  inbound,
                  signer,
                  config.delivery().returnPathDomain(),
                  clock,
                  freezes::isFrozen,
                  metrics,
                  domains));
      resources.push(relay);
      this.shortLinks =
          new RedisShortLinks(
              redis,
              mapper,
              config.tracking().baseUrl(),
              signer.derivedKey("sms-short-links"),
              RedisShortLinks.DEFAULT_KEEP,
              clock,
              random);
      PhoneChannels phones =
          PhoneChannels.of(
              config,
              smsGateway,
              new PhoneChannels.Shared(
                  redis,
                  mapper,
                  campaignStore,
                  audience,
                  workQueue,
                  engagements,
                  webhooks.events(),
                  shortLinks,
                  this.messages,
                  clock,
                  random),
              resources);
      List<CampaignChannel> channels = new ArrayList<>();
      channels.add(new EmailChannel(messages, transport));
      channels.addAll(phones.channels());
      this.worker =
          new DeliveryWorker(
              new DeliveryWorker.Parts(
                  workQueue,
                  campaignStore,
                  campaigns,
                  audience,
                  channels,
                  retries,
                  clock,
                  random,
                  webhooks.events(),
                  freezes::isFrozen),
              consumer,
              config.delivery().concurrency(),
              config.delivery().reclaimAfter());
      resources.push(worker);
      this.http =
          new HttpServer(
              config,
              mapper,
              new HttpServer.Services(
                  accounts,
                  accountStore,
                  adminToken,
                  audience,
                  imports,
                  campaigns,
                  campaignStore,
                  new CampaignSamples(audience, messages, transport),
                  canaries,
                  engagements,
                  engagementStore,
                  feedbackParser,
                  inbound,
                  redis::ping,
                  clock,
                  this.messages,
                  webhooks,
                  freezes,
                  domains,
                  shortLinks,
                  phones.smsPreviews(),
                  phones.viberCallbacks(),
                  phones.viberPreviews(),
                  quotas,
                  billing,
                  SignInWiring.of(
                      config,
                      redis,
                      mapper,
                      accountStore,
                      campaignStore,
                      transport,
                      signer,
                      clock,
                      random,
                      resources)));
      resources.push(http);
      this.metricsServer = MetricsServer.startIfEnabled(config.metrics(), metrics::scrape);
      metricsServer.ifPresent(resources::push);
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The channels this node sends campaigns on: email, and SMS and Viber when configured. */
  private static Set<Channel> channels(HeraldConfig config) {
    Set<Channel> channels = EnumSet.of(Channel.EMAIL);
    if (config.sms().enabled()) {
      channels.add(Channel.SMS);
    }
    if (config.viber().enabled()) {
      channels.add(Channel.VIBER);
    }
    return channels;
  }

  /** Starts a node: Redis (embedded unless {@code redis.uri} is set), then HTTP. */
  public static HeraldNode start(HeraldConfig config, Optional<String> adminToken, Clock clock)
      throws IOException {
    return start(config, adminToken, clock, Optional.empty());
  }

  /**
   * The same with transactional SMS through {@code sms} (its gateway is the caller's to close);
   * empty when SMS is not configured.
   */
  public static HeraldNode start(
      HeraldConfig config, Optional<String> adminToken, Clock clock, Optional<TransactionalSms> sms)
      throws IOException {
    HeraldNode node = new HeraldNode(config, adminToken, clock, sms);
    try {
      node.http.start(config.http().port());
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
    return node;
  }

  /** The one JSON mapper: ISO-8601 instants, Optional support. */
  public static ObjectMapper objectMapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .registerModule(new Jdk8Module())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }

  public int httpPort() {
    return http.port();
  }

  /** The metrics listener's port, or empty when {@code metrics.enabled} is false. */
  public OptionalInt metricsPort() {
    return metricsServer.map(m -> OptionalInt.of(m.port())).orElse(OptionalInt.empty());
  }

  /** Every HTTP route the node serves, as {@code METHOD /path/{param}}. */
  public List<String> httpEndpoints() {
    return http.endpoints();
  }

  /** The SMTP relay's port (the configured one, or the one picked for 0). */
  public int relayPort() {
    return relay.port();
  }

  public AdminToken adminToken() {
    return adminToken;
  }

  public Imports imports() {
    return imports;
  }

  public AudienceStore audience() {
    return audience;
  }

  public Accounts accounts() {
    return accounts;
  }

  public CampaignStore campaignStore() {
    return campaignStore;
  }

  public WorkQueue workQueue() {
    return workQueue;
  }

  /** Transactional copies waiting, in flight or scheduled for a retry. */
  public long transactionalBacklog() {
    return transactional.backlog();
  }

  /** Transactional copies of the account held because it is frozen. */
  public long transactionalHeld(AccountId account) {
    return transactionalQueue.held(account);
  }

  /** Accounts' sending domains (R5). */
  public SendingDomains sendingDomains() {
    return domains;
  }

  /** Freezing accounts (R8). */
  public Freezes freezes() {
    return freezes;
  }

  public Canaries canaries() {
    return canaries;
  }

  public Campaigns campaigns() {
    return campaigns;
  }

  /** Opens, clicks, unsubscribes and complaints: for the ARF parser and the spam form too. */
  public Engagements engagements() {
    return engagements;
  }

  /** Bounces and complaints that arrive by mail (DSN, ARF), for the relay and the inbound API. */
  public InboundFeedback inbound() {
    return inbound;
  }

  public EngagementStore engagementStore() {
    return engagementStore;
  }

  /** Event webhooks: endpoints, the events reported to them, the outbox (status and tests). */
  public Webhooks webhooks() {
    return webhooks;
  }

  /** The SMS short links: minted by the SMS composer, answered by the public pages. */
  public RedisShortLinks shortLinks() {
    return shortLinks;
  }

  /** Balances, top-ups and plan changes (R9). */
  public Billing billing() {
    return billing;
  }

  /** Plans and quotas (R9). */
  public Quotas quotas() {
    return quotas;
  }

  /** Transactional messages: what the HTTP API and the SMTP relay submit. */
  public Messages messages() {
    return messages;
  }

  @Override
  public void close() {
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        // Keep closing the rest: a failed stop must not leave Redis running.
        System.err.println("herald: stopping failed: " + e.getMessage());
      }
    }
  }
}
