package io.herald.delivery.smtp;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Everything {@link SmtpTransport} needs, built once and validated: where mail goes ({@link Route}:
 * a smarthost, or each recipient domain's MX hosts), the {@link Timeouts} that keep any call from
 * blocking forever, the name sent in {@code EHLO}, per-destination limits (a default and per-domain
 * overrides, keyed by lower-case domain), how long a send may wait for a rate permit or a free
 * connection, when idle pooled connections are closed, the circuit {@link Breaker} per route, and
 * how long a throttled destination is left alone.
 */
public record SmtpSettings(
    Route route,
    Timeouts timeouts,
    String heloName,
    DestinationLimits defaultLimits,
    Map<String, DestinationLimits> domainLimits,
    Duration maxRateWait,
    Duration maxConnectionWait,
    Duration idleTimeout,
    Breaker breaker,
    Duration throttleBackoff) {

  public SmtpSettings {
    requireNonNull(route, "route");
    requireNonNull(timeouts, "timeouts");
    requireNonNull(defaultLimits, "defaultLimits");
    requireNonNull(breaker, "breaker");
    if (heloName == null || heloName.isBlank()) {
      throw new IllegalArgumentException("heloName must not be blank");
    }
    domainLimits = lowerCaseKeys(domainLimits == null ? Map.of() : domainLimits);
    requirePositive(maxRateWait, "maxRateWait");
    requirePositive(maxConnectionWait, "maxConnectionWait");
    requirePositive(idleTimeout, "idleTimeout");
    requirePositive(throttleBackoff, "throttleBackoff");
  }

  /** Through one relay, with the defaults for everything else. */
  public static SmtpSettings smarthost(Route.Smarthost smarthost) {
    return defaults(smarthost);
  }

  /** Directly to each recipient domain's MX, with the defaults for everything else. */
  public static SmtpSettings directMx(Map<String, HostPort> overrides) {
    return defaults(new Route.DirectMx(overrides, true));
  }

  private static SmtpSettings defaults(Route route) {
    return new SmtpSettings(
        route,
        Timeouts.DEFAULT,
        "localhost",
        DestinationLimits.DEFAULT,
        Map.of(),
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        Breaker.DEFAULT,
        Duration.ofMinutes(2));
  }

  /** The limits for one recipient domain: its override, or the default. */
  public DestinationLimits limitsFor(String domain) {
    return domainLimits.getOrDefault(domain.toLowerCase(Locale.ROOT), defaultLimits);
  }

  public SmtpSettings withHelo(String name) {
    return new SmtpSettings(
        route,
        timeouts,
        name,
        defaultLimits,
        domainLimits,
        maxRateWait,
        maxConnectionWait,
        idleTimeout,
        breaker,
        throttleBackoff);
  }

  public SmtpSettings withTimeouts(Timeouts t) {
    return new SmtpSettings(
        route,
        t,
        heloName,
        defaultLimits,
        domainLimits,
        maxRateWait,
        maxConnectionWait,
        idleTimeout,
        breaker,
        throttleBackoff);
  }

  public SmtpSettings withLimits(
      DestinationLimits defaults, Map<String, DestinationLimits> byDomain) {
    return new SmtpSettings(
        route,
        timeouts,
        heloName,
        defaults,
        byDomain,
        maxRateWait,
        maxConnectionWait,
        idleTimeout,
        breaker,
        throttleBackoff);
  }

  public SmtpSettings withBreaker(Breaker b) {
    return new SmtpSettings(
        route,
        timeouts,
        heloName,
        defaultLimits,
        domainLimits,
        maxRateWait,
        maxConnectionWait,
        idleTimeout,
        b,
        throttleBackoff);
  }

  public SmtpSettings withIdleTimeout(Duration idle) {
    return new SmtpSettings(
        route,
        timeouts,
        heloName,
        defaultLimits,
        domainLimits,
        maxRateWait,
        maxConnectionWait,
        idle,
        breaker,
        throttleBackoff);
  }

  private static Map<String, DestinationLimits> lowerCaseKeys(Map<String, DestinationLimits> m) {
    return m.entrySet().stream()
        .collect(
            Collectors.toUnmodifiableMap(
                e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
  }

  static void requireNonNull(Object value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " is required");
    }
  }

  static void requirePositive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
    }
  }

  /** Where mail goes: one relay for everything, or each recipient domain's own MX hosts. */
  public sealed interface Route {
    /**
     * A relay that takes all mail ({@code delivery.smtp.host}). {@code maxConnections} bounds the
     * pool to it; {@code trustAnyCertificate} skips certificate checks and exists for tests only.
     */
    record Smarthost(
        HostPort server,
        TlsMode tls,
        Optional<Credentials> credentials,
        boolean trustAnyCertificate,
        int maxConnections)
        implements Route {
      public Smarthost {
        requireNonNull(server, "server");
        requireNonNull(tls, "tls");
        credentials = credentials == null ? Optional.empty() : credentials;
        if (maxConnections < 1) {
          throw new IllegalArgumentException("maxConnections must be at least 1");
        }
      }

      /** A plain, unauthenticated relay (a local sink) with ten pooled connections. */
      public static Smarthost plain(String host, int port) {
        return new Smarthost(new HostPort(host, port), TlsMode.NONE, Optional.empty(), false, 10);
      }
    }

    /**
     * Each recipient domain's MX hosts from DNS, except the domains in {@code overrides}, which go
     * to the given server (tests and the demo). With {@code opportunisticTls}, STARTTLS is used
     * when offered, without verifying the certificate, as MTAs do without DANE or MTA-STS.
     */
    record DirectMx(Map<String, HostPort> overrides, boolean opportunisticTls) implements Route {
      public DirectMx {
        overrides =
            overrides == null
                ? Map.of()
                : overrides.entrySet().stream()
                    .collect(
                        Collectors.toUnmodifiableMap(
                            e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
      }
    }
  }

  /** A smarthost login; {@code toString} never shows the password. */
  public record Credentials(String username, String password) {
    @Override
    public String toString() {
      return "Credentials[" + username + ", ****]";
    }
  }

  /**
   * How long to wait to connect, for each ordinary SMTP reply, and for the reply after the message
   * content (which is also the bound on writing the content); RFC 5321 allows servers minutes.
   */
  public record Timeouts(Duration connect, Duration reply, Duration data) {
    public static final Timeouts DEFAULT =
        new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(120));

    public Timeouts {
      requirePositive(connect, "connect");
      requirePositive(reply, "reply");
      requirePositive(data, "data");
    }
  }

  /**
   * When a route's circuit opens: at least {@code minimumCalls} of the last {@code window} sends,
   * of which {@code failureRatePercent} or more failed to connect or timed out. It stays open for
   * {@code openFor}, then lets one probe through.
   */
  public record Breaker(int window, int minimumCalls, float failureRatePercent, Duration openFor) {
    public static final Breaker DEFAULT = new Breaker(20, 5, 50f, Duration.ofSeconds(60));

    public Breaker {
      if (window < 1 || minimumCalls < 1 || minimumCalls > window) {
        throw new IllegalArgumentException("need 1 <= minimumCalls <= window");
      }
      if (failureRatePercent <= 0 || failureRatePercent > 100) {
        throw new IllegalArgumentException("failureRatePercent must be in (0, 100]");
      }
      requirePositive(openFor, "openFor");
    }
  }
}
