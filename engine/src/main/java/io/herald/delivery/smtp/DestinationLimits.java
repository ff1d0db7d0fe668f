package io.herald.delivery.smtp;

/**
 * What one destination may take from Herald at once: at most {@code maxConnections} open SMTP
 * connections and at most {@code rate} messages. A destination's own throttling replies lower the
 * rate further for a while (see {@link AdaptiveRate}); they never raise it above this.
 */
public record DestinationLimits(int maxConnections, ThrottleSpec rate) {
  /** Five connections and 100 messages a second: polite to most receivers. */
  public static final DestinationLimits DEFAULT =
      new DestinationLimits(5, ThrottleSpec.parse("100/s"));

  public DestinationLimits {
    if (maxConnections < 1) {
      throw new IllegalArgumentException(
          "maxConnections must be at least 1, got " + maxConnections);
    }
    if (rate == null) {
      throw new IllegalArgumentException("rate is required");
    }
  }
}
