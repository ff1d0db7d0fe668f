package io.herald.config;

import static io.herald.config.ConfigSchema.POSITIVE_INT;
import static io.herald.config.ValueTypes.duration;
import static io.herald.config.ValueTypes.integer;

import java.time.Duration;
import java.util.List;

/**
 * The {@code webhooks.*} keys: event webhooks per account (signed POSTs of delivered, bounced,
 * opened… events). Declared apart from {@link ConfigSchema} to keep each file to one section; the
 * schema lists them and assembles {@link WebhookConfig}.
 */
final class WebhookKeys {
  private WebhookKeys() {}

  static final ConfigKey<String> WEBHOOKS_ALLOW_PRIVATE_TARGETS =
      ConfigKey.of(
          "webhooks.allowPrivateTargets",
          ValueTypes.oneOf(List.of("true", "false"), "true or false"),
          "false",
          "Allow webhook URLs that resolve to loopback, private or link-local addresses (tests and"
              + " local demos only: otherwise an account could probe the internal network).");
  static final ConfigKey<Integer> WEBHOOKS_MAX_ATTEMPTS =
      ConfigKey.of(
          "webhooks.maxAttempts",
          integer(1, 100, "an integer 1..100"),
          "12",
          "Attempts per event and endpoint, the first included; then the event is logged as"
              + " failed.");
  static final ConfigKey<Duration> WEBHOOKS_MAX_AGE =
      ConfigKey.of(
          "webhooks.maxAge",
          duration("a duration such as 24h"),
          "24h",
          "How long after its first attempt an event is still retried (backoff 10s, 30s, 1m, 5m,"
              + " 15m, 1h, 2h, 4h, then every 6h, each with up to 20% jitter).");
  static final ConfigKey<Duration> WEBHOOKS_TIMEOUT =
      ConfigKey.of(
          "webhooks.timeout",
          duration("a duration such as 10s"),
          "10s",
          "How long one POST may wait for the endpoint's response; longer counts as a failure.");
  static final ConfigKey<Integer> WEBHOOKS_QUEUE_CAPACITY =
      ConfigKey.of(
          "webhooks.queueCapacity",
          integer(1, 10_000_000, POSITIVE_INT),
          "10000",
          "Events held in memory on their way to Redis; when full, new events are dropped and"
              + " counted (herald_webhook_events_dropped_total), delivery never waits.");
  static final ConfigKey<Integer> WEBHOOKS_CONCURRENCY =
      ConfigKey.of(
          "webhooks.concurrency",
          integer(1, 10_000, POSITIVE_INT),
          "32",
          "Webhook POSTs in flight on this node.");
  static final ConfigKey<Integer> WEBHOOKS_PER_ENDPOINT_CONCURRENCY =
      ConfigKey.of(
          "webhooks.perEndpointConcurrency",
          integer(1, 1_000, POSITIVE_INT),
          "4",
          "Webhook POSTs in flight to one endpoint on this node, so a slow endpoint cannot hold up"
              + " the others.");

  static final List<ConfigKey<?>> KEYS =
      List.of(
          WEBHOOKS_ALLOW_PRIVATE_TARGETS,
          WEBHOOKS_MAX_ATTEMPTS,
          WEBHOOKS_MAX_AGE,
          WEBHOOKS_TIMEOUT,
          WEBHOOKS_QUEUE_CAPACITY,
          WEBHOOKS_CONCURRENCY,
          WEBHOOKS_PER_ENDPOINT_CONCURRENCY);

  static WebhookConfig assemble(ConfigSchema.Values v) {
    return new WebhookConfig(
        Boolean.parseBoolean(v.get(WEBHOOKS_ALLOW_PRIVATE_TARGETS)),
        v.get(WEBHOOKS_MAX_ATTEMPTS),
        v.get(WEBHOOKS_MAX_AGE),
        v.get(WEBHOOKS_TIMEOUT),
        v.get(WEBHOOKS_QUEUE_CAPACITY),
        v.get(WEBHOOKS_CONCURRENCY),
        v.get(WEBHOOKS_PER_ENDPOINT_CONCURRENCY));
  }
}
