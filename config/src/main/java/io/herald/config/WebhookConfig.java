package io.herald.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Event webhooks per account: where Herald may post, how long it keeps trying, and how much it
 * holds in memory. See {@code docs/configuration.md} for each key.
 *
 * @param allowPrivateTargets whether endpoints may resolve to loopback, private or link-local
 *     addresses (off in production: it would let an account probe the internal network)
 * @param maxAttempts attempts per event and endpoint, the first included
 * @param maxAge how long after an event's first attempt it is still retried
 * @param timeout how long one POST may take until the response's status line arrives
 * @param queueCapacity events held in memory on their way to Redis; more are dropped and counted
 * @param concurrency POSTs in flight on this node
 * @param perEndpointConcurrency POSTs in flight to one endpoint on this node
 */
public record WebhookConfig(
    boolean allowPrivateTargets,
    int maxAttempts,
    Duration maxAge,
    Duration timeout,
    int queueCapacity,
    int concurrency,
    int perEndpointConcurrency) {

  public WebhookConfig {
    Objects.requireNonNull(maxAge, "maxAge");
    Objects.requireNonNull(timeout, "timeout");
  }

  /** The same settings, with private targets allowed or not (tests and the demo allow them). */
  public WebhookConfig withAllowPrivateTargets(boolean allow) {
    return new WebhookConfig(
        allow, maxAttempts, maxAge, timeout, queueCapacity, concurrency, perEndpointConcurrency);
  }
}
