package io.herald.submission;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.herald.account.AccountId;
import io.herald.delivery.smtp.ThrottleSpec;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How fast each account may hand messages to the relay ({@code relay.accountRate}): a Resilience4j
 * rate limiter per account, with the whole period's permits available at once (an application may
 * send a burst) and no waiting — over the rate, the client is told to try again later. Per node.
 */
final class AccountRates {
  private final RateLimiterConfig config;
  private final Map<AccountId, RateLimiter> limiters = new ConcurrentHashMap<>();

  AccountRates(ThrottleSpec rate) {
    this.config =
        RateLimiterConfig.custom()
            .limitForPeriod((int) Math.min(rate.permits(), Integer.MAX_VALUE))
            .limitRefreshPeriod(rate.period())
            .timeoutDuration(Duration.ZERO)
            .build();
  }

  boolean tryAcquire(AccountId account) {
    return limiters
        .computeIfAbsent(account, a -> RateLimiter.of("relay-" + a.value(), config))
        .acquirePermission();
  }
}
