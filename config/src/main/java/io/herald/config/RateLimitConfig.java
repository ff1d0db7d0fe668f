package io.herald.config;

/**
 * How fast HTTP clients may call Herald (R13: a client cannot overload the service). Each API key
 * and the admin token may make {@code perSecond} requests a second on average, and up to {@code
 * burst} at once; each client address may reach the public pages (tracking, unsubscribe, spam
 * report) {@code publicPerSecond} times a second, up to {@code publicBurst} at once. Per node.
 *
 * @param perSecond average requests per second per API key (and for the admin token)
 * @param burst requests one key may make at once
 * @param publicPerSecond average requests per second per client address to the public pages
 * @param publicBurst requests one address may make at once to the public pages
 */
public record RateLimitConfig(int perSecond, int burst, int publicPerSecond, int publicBurst) {
  public RateLimitConfig {
    if (perSecond < 1 || burst < 1 || publicPerSecond < 1 || publicBurst < 1) {
      throw new IllegalArgumentException("rate limits must be positive");
    }
  }
}
