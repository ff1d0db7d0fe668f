package io.herald.config;

import java.util.Objects;

/**
 * The whole configuration of one Herald node, built once at start-up by {@link ConfigLoader} and
 * handed to the composition root, which passes each section to the component that needs it. It is a
 * tree of records so it is immutable, comparable in tests and impossible to half-initialise: there
 * is no setter to call late and no global to read from.
 *
 * @param http the HTTP server (API, tracking links, pages)
 * @param data local storage
 * @param redis the Redis server Herald uses, or the embedded one
 * @param policy sending policy (jurisdictions)
 * @param imports contact-file imports (YAML section {@code import}; {@code import} is a Java
 *     keyword)
 * @param delivery email delivery (smarthost or MX, limits, retries)
 * @param tracking links in messages
 * @param canary the canary release of bulk campaigns
 * @param relay the SMTP relay for developers and for mail coming back (bounces, reports)
 * @param webhooks event webhooks per account
 * @param metrics the Prometheus listener, apart from the public HTTP port
 * @param sms SMS over SMPP (the SMSC connections, receipts, quiet hours)
 * @param viber Viber business messages through the Vonage Messages API
 */
public record HeraldConfig(
    HttpConfig http,
    DataConfig data,
    RedisConfig redis,
    PolicyConfig policy,
    ImportConfig imports,
    DeliveryConfig delivery,
    TrackingConfig tracking,
    CanaryConfig canary,
    RelayConfig relay,
    WebhookConfig webhooks,
    MetricsConfig metrics,
    SmsConfig sms,
    ViberConfig viber) {

  public HeraldConfig {
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(redis, "redis");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(imports, "imports");
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(tracking, "tracking");
    Objects.requireNonNull(canary, "canary");
    Objects.requireNonNull(relay, "relay");
    Objects.requireNonNull(webhooks, "webhooks");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(sms, "sms");
    Objects.requireNonNull(viber, "viber");
  }

  /** Every section but {@code viber}, which takes its defaults (Viber off). */
  public HeraldConfig(
      HttpConfig http,
      DataConfig data,
      RedisConfig redis,
      PolicyConfig policy,
      ImportConfig imports,
      DeliveryConfig delivery,
      TrackingConfig tracking,
      CanaryConfig canary,
      RelayConfig relay,
      WebhookConfig webhooks,
      MetricsConfig metrics,
      SmsConfig sms) {
    this(
        http,
        data,
        redis,
        policy,
        imports,
        delivery,
        tracking,
        canary,
        relay,
        webhooks,
        metrics,
        sms,
        ViberKeys.assemble(new ConfigSchema.Values()));
  }

  /** Every section but {@code sms}, which takes its defaults (SMS off). */
  public HeraldConfig(
      HttpConfig http,
      DataConfig data,
      RedisConfig redis,
      PolicyConfig policy,
      ImportConfig imports,
      DeliveryConfig delivery,
      TrackingConfig tracking,
      CanaryConfig canary,
      RelayConfig relay,
      WebhookConfig webhooks,
      MetricsConfig metrics) {
    this(
        http,
        data,
        redis,
        policy,
        imports,
        delivery,
        tracking,
        canary,
        relay,
        webhooks,
        metrics,
        SmsKeys.assemble(new ConfigSchema.Values()));
  }

  public HeraldConfig withHttp(HttpConfig next) {
    return new HeraldConfig(
        next, data, redis, policy, imports, delivery, tracking, canary, relay, webhooks, metrics,
        sms, viber);
  }

  public HeraldConfig withData(DataConfig next) {
    return new HeraldConfig(
        http, next, redis, policy, imports, delivery, tracking, canary, relay, webhooks, metrics,
        sms, viber);
  }

  public HeraldConfig withRedis(RedisConfig next) {
    return new HeraldConfig(
        http, data, next, policy, imports, delivery, tracking, canary, relay, webhooks, metrics,
        sms, viber);
  }

  public HeraldConfig withPolicy(PolicyConfig next) {
    return new HeraldConfig(
        http, data, redis, next, imports, delivery, tracking, canary, relay, webhooks, metrics, sms,
        viber);
  }

  public HeraldConfig withImports(ImportConfig next) {
    return new HeraldConfig(
        http, data, redis, policy, next, delivery, tracking, canary, relay, webhooks, metrics, sms,
        viber);
  }

  public HeraldConfig withDelivery(DeliveryConfig next) {
    return new HeraldConfig(
        http, data, redis, policy, imports, next, tracking, canary, relay, webhooks, metrics, sms,
        viber);
  }

  public HeraldConfig withTracking(TrackingConfig next) {
    return new HeraldConfig(
        http, data, redis, policy, imports, delivery, next, canary, relay, webhooks, metrics, sms,
        viber);
  }

  public HeraldConfig withCanary(CanaryConfig next) {
    return new HeraldConfig(
        http, data, redis, policy, imports, delivery, tracking, next, relay, webhooks, metrics, sms,
        viber);
  }

  /** Every key at its documented default, as if started with no file and no environment. */
  public static HeraldConfig defaults() {
    return ConfigSchema.defaults();
  }

  public HeraldConfig withRelay(RelayConfig next) {
    return new HeraldConfig(
        http, data, redis, policy, imports, delivery, tracking, canary, next, webhooks, metrics,
        sms, viber);
  }

  public HeraldConfig withWebhooks(WebhookConfig next) {
    return new HeraldConfig(
        http, data, redis, policy, imports, delivery, tracking, canary, relay, next, metrics, sms,
        viber);
  }

  public HeraldConfig withMetrics(MetricsConfig next) {
    return new HeraldConfig(
        http, data, redis, policy, imports, delivery, tracking, canary, relay, webhooks, next, sms,
        viber);
  }

  public HeraldConfig withViber(ViberConfig next) {
    return new HeraldConfig(
        http, data, redis, policy, imports, delivery, tracking, canary, relay, webhooks, metrics,
        sms, next);
  }

  /**
   * The same with a free plan so large it never refuses (R9's quotas out of the way): for the demo,
   * the benches and tests of other things.
   */
  public HeraldConfig withoutQuotas() {
    long plenty = Long.MAX_VALUE / 4;
    return withPolicy(policy.withPlans(policy.plans().withFree(plenty, plenty)));
  }

  public HeraldConfig withSms(SmsConfig next) {
    return new HeraldConfig(
        http, data, redis, policy, imports, delivery, tracking, canary, relay, webhooks, metrics,
        next, viber);
  }
}
