package io.herald.relay;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a {@link RelayServer} is configured with, validated once when built.
 *
 * <p>Start from {@link #builder()}: every setting has a default suitable for a public submission
 * port, so a caller sets only what differs.
 *
 * @param host address to bind; default {@code 0.0.0.0}
 * @param port port to bind, 0 for any free port; default 2525
 * @param serverName the name in the greeting, EHLO reply, trace header and self-signed certificate;
 *     default {@code localhost}
 * @param maxLineLength longest command line in bytes without CRLF; longer lines get {@code 500
 *     5.5.2}. Also the chunk size in which message lines are read. Default 2048 (RFC 5321 needs 512
 *     plus room for ESMTP parameters)
 * @param maxCommands commands per connection before {@code 421 4.7.0}; default 10,000
 * @param maxErrors unknown commands, syntax errors, bad sequences and failed AUTHs per connection
 *     before {@code 421 4.7.0}; default 10
 * @param maxRecipients recipients per message, more get {@code 452 4.5.3}; default 100
 * @param maxMessageSize largest message in bytes, advertised as SIZE; default 25 MiB
 * @param idleTimeout silence from the client before {@code 421 4.4.2} and close; default 5 minutes
 * @param minDataRate bytes per second a client must keep up, measured over each {@code
 *     dataRateInterval}, while the relay waits for the rest of a command line or of a message; a
 *     slower client gets {@code 421 4.4.2} and is closed (each byte would reset the idle timer); 0
 *     turns the check off; default 100
 * @param dataRateInterval the interval over which {@code minDataRate} is measured; default 30 s
 * @param maxSessionTime how long one connection may last, however busy, before {@code 421 4.4.2}
 *     and close (a backend call in progress is answered first); default 10 minutes
 * @param maxConnectionsPerIp concurrent connections from one address; default 20
 * @param maxConnectionsPerNetwork concurrent connections from one network (an IPv4 /24, an IPv6
 *     /64), at least {@code maxConnectionsPerIp} and at most {@code maxConnections -
 *     connectionReserve}, so one address range never holds every slot; default 100
 * @param maxConnections concurrent connections in total; default 1,000
 * @param connectionReserve the last slots of {@code maxConnections} that go only to networks
 *     holding no connection yet, so clients that filled the rest cannot keep newcomers out;
 *     0..{@code maxConnections - 1}, default 100
 * @param authFailureDelay how long the reply to a failed AUTH waits after a client address's first
 *     failure; it doubles with each further failure, up to 32 times (scheduled, never blocking a
 *     thread; IPv6 addresses count per /64). Zero answers at once; default 1 s
 * @param maxAuthFailures failed AUTHs of one client address, within {@code authFailureWindow} of
 *     each other, after which its AUTH is refused with {@code 454 4.7.0} without asking the
 *     backend; default 10
 * @param authFailureWindow how long after its last failure an address's failures are forgotten;
 *     default 15 minutes
 * @param allowPlainAuth whether AUTH is offered without TLS; for local use only; default false
 * @param trustedNetworks networks whose clients get the backend's {@link RelayBackend#trusted}
 *     principal without AUTH; default none
 * @param tls where the STARTTLS certificate comes from; default {@link TlsSettings.Disabled}
 * @param spoolDirectory where message bodies larger than {@code bodyMemoryThreshold} are kept while
 *     received; default the system temporary directory
 * @param bodyMemoryThreshold bytes of a body kept in memory before it goes to a file; default 256
 *     KiB
 */
public record RelaySettings(
    String host,
    int port,
    String serverName,
    int maxLineLength,
    int maxCommands,
    int maxErrors,
    int maxRecipients,
    long maxMessageSize,
    Duration idleTimeout,
    long minDataRate,
    Duration dataRateInterval,
    Duration maxSessionTime,
    int maxConnectionsPerIp,
    int maxConnectionsPerNetwork,
    int maxConnections,
    int connectionReserve,
    Duration authFailureDelay,
    int maxAuthFailures,
    Duration authFailureWindow,
    boolean allowPlainAuth,
    List<NetworkRange> trustedNetworks,
    TlsSettings tls,
    Path spoolDirectory,
    int bodyMemoryThreshold) {

  /** Validates every value, naming the first one that is out of range. */
  public RelaySettings {
    require(host != null && !host.isBlank(), "host must not be blank");
    require(port >= 0 && port <= 65535, "port must be 0..65535");
    require(
        serverName != null && serverName.matches("[A-Za-z0-9.-]{1,253}"),
        "serverName must be a host name");
    require(maxLineLength >= 512 && maxLineLength <= 65536, "maxLineLength must be 512..65536");
    require(maxCommands >= 1, "maxCommands must be positive");
    require(maxErrors >= 1, "maxErrors must be positive");
    require(maxRecipients >= 1, "maxRecipients must be positive");
    require(maxMessageSize >= 1024, "maxMessageSize must be at least 1024");
    require(positive(idleTimeout), "idleTimeout must be positive");
    require(minDataRate >= 0, "minDataRate must not be negative");
    require(positive(dataRateInterval), "dataRateInterval must be positive");
    require(positive(maxSessionTime), "maxSessionTime must be positive");
    require(maxConnectionsPerIp >= 1, "maxConnectionsPerIp must be positive");
    require(
        maxConnectionsPerNetwork >= maxConnectionsPerIp,
        "maxConnectionsPerNetwork must be >= maxConnectionsPerIp");
    require(
        connectionReserve >= 0 && connectionReserve < maxConnections,
        "connectionReserve must be 0..maxConnections-1");
    require(
        maxConnectionsPerNetwork <= maxConnections - connectionReserve,
        "maxConnectionsPerNetwork must be <= maxConnections - connectionReserve");
    require(
        authFailureDelay != null && !authFailureDelay.isNegative(),
        "authFailureDelay must not be negative");
    require(maxAuthFailures >= 1, "maxAuthFailures must be positive");
    require(positive(authFailureWindow), "authFailureWindow must be positive");
    trustedNetworks = List.copyOf(trustedNetworks);
    require(tls != null, "tls must be set (TlsSettings.Disabled for none)");
    require(spoolDirectory != null, "spoolDirectory must be set");
    require(bodyMemoryThreshold >= 1024, "bodyMemoryThreshold must be at least 1024");
  }

  /** A builder holding every default. */
  public static Builder builder() {
    return new Builder();
  }

  /** True when STARTTLS is configured. */
  public boolean tlsConfigured() {
    return !(tls instanceof TlsSettings.Disabled);
  }

  private static boolean positive(Duration duration) {
    return duration != null && duration.isPositive();
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("relay settings: " + message);
    }
  }

  /** Collects settings; {@link #build()} validates them. Not thread-safe. */
  public static final class Builder {
    private String host = "0.0.0.0";
    private int port = 2525;
    private String serverName = "localhost";
    private int maxLineLength = 2048;
    private int maxCommands = 10_000;
    private int maxErrors = 10;
    private int maxRecipients = 100;
    private long maxMessageSize = 25L * 1024 * 1024;
    private Duration idleTimeout = Duration.ofMinutes(5);
    private long minDataRate = 100;
    private Duration dataRateInterval = Duration.ofSeconds(30);
    private Duration maxSessionTime = Duration.ofMinutes(10);
    private int maxConnectionsPerIp = 20;
    private int maxConnectionsPerNetwork = 100;
    private int maxConnections = 1000;
    private int connectionReserve = 100;
    private Duration authFailureDelay = Duration.ofSeconds(1);
    private int maxAuthFailures = 10;
    private Duration authFailureWindow = Duration.ofMinutes(15);
    private boolean allowPlainAuth;
    private final List<NetworkRange> trustedNetworks = new ArrayList<>();
    private TlsSettings tls = new TlsSettings.Disabled();
    private Path spoolDirectory = Path.of(System.getProperty("java.io.tmpdir"));
    private int bodyMemoryThreshold = 256 * 1024;

    private Builder() {}

    /** See {@link RelaySettings#host()}. */
    public Builder host(String value) {
      host = value;
      return this;
    }

    /** See {@link RelaySettings#port()}. */
    public Builder port(int value) {
      port = value;
      return this;
    }

    /** See {@link RelaySettings#serverName()}. */
    public Builder serverName(String value) {
      serverName = value;
      return this;
    }

    /** See {@link RelaySettings#maxLineLength()}. */
    public Builder maxLineLength(int value) {
      maxLineLength = value;
      return this;
    }

    /** See {@link RelaySettings#maxCommands()}. */
    public Builder maxCommands(int value) {
      maxCommands = value;
      return this;
    }

    /** See {@link RelaySettings#maxErrors()}. */
    public Builder maxErrors(int value) {
      maxErrors = value;
      return this;
    }

    /** See {@link RelaySettings#maxRecipients()}. */
    public Builder maxRecipients(int value) {
      maxRecipients = value;
      return this;
    }

    /** See {@link RelaySettings#maxMessageSize()}. */
    public Builder maxMessageSize(long value) {
      maxMessageSize = value;
      return this;
    }

    /** See {@link RelaySettings#idleTimeout()}. */
    public Builder idleTimeout(Duration value) {
      idleTimeout = value;
      return this;
    }

    /** See {@link RelaySettings#minDataRate()}. */
    public Builder minDataRate(long value) {
      minDataRate = value;
      return this;
    }

    /** See {@link RelaySettings#dataRateInterval()}. */
    public Builder dataRateInterval(Duration value) {
      dataRateInterval = value;
      return this;
    }

    /** See {@link RelaySettings#maxSessionTime()}. */
    public Builder maxSessionTime(Duration value) {
      maxSessionTime = value;
      return this;
    }

    /** See {@link RelaySettings#maxConnectionsPerIp()}. */
    public Builder maxConnectionsPerIp(int value) {
      maxConnectionsPerIp = value;
      return this;
    }

    /** See {@link RelaySettings#maxConnectionsPerNetwork()}. */
    public Builder maxConnectionsPerNetwork(int value) {
      maxConnectionsPerNetwork = value;
      return this;
    }

    /** See {@link RelaySettings#maxConnections()}. */
    public Builder maxConnections(int value) {
      maxConnections = value;
      return this;
    }

    /** See {@link RelaySettings#connectionReserve()}. */
    public Builder connectionReserve(int value) {
      connectionReserve = value;
      return this;
    }

    /** See {@link RelaySettings#authFailureDelay()}. */
    public Builder authFailureDelay(Duration value) {
      authFailureDelay = value;
      return this;
    }

    /** See {@link RelaySettings#maxAuthFailures()}. */
    public Builder maxAuthFailures(int value) {
      maxAuthFailures = value;
      return this;
    }

    /** See {@link RelaySettings#authFailureWindow()}. */
    public Builder authFailureWindow(Duration value) {
      authFailureWindow = value;
      return this;
    }

    /** See {@link RelaySettings#allowPlainAuth()}. */
    public Builder allowPlainAuth(boolean value) {
      allowPlainAuth = value;
      return this;
    }

    /** Adds a trusted network in CIDR notation or a single address; see {@link NetworkRange}. */
    public Builder trustedNetwork(String cidr) {
      trustedNetworks.add(NetworkRange.parse(cidr));
      return this;
    }

    /** See {@link RelaySettings#tls()}. */
    public Builder tls(TlsSettings value) {
      tls = value;
      return this;
    }

    /** See {@link RelaySettings#spoolDirectory()}. */
    public Builder spoolDirectory(Path value) {
      spoolDirectory = value;
      return this;
    }

    /** See {@link RelaySettings#bodyMemoryThreshold()}. */
    public Builder bodyMemoryThreshold(int value) {
      bodyMemoryThreshold = value;
      return this;
    }

    /** Validates and returns the settings. */
    public RelaySettings build() {
      return new RelaySettings(
          host,
          port,
          serverName,
          maxLineLength,
          maxCommands,
          maxErrors,
          maxRecipients,
          maxMessageSize,
          idleTimeout,
          minDataRate,
          dataRateInterval,
          maxSessionTime,
          maxConnectionsPerIp,
          maxConnectionsPerNetwork,
          maxConnections,
          connectionReserve,
          authFailureDelay,
          maxAuthFailures,
          authFailureWindow,
          allowPlainAuth,
          trustedNetworks,
          tls,
          spoolDirectory,
          bodyMemoryThreshold);
    }
  }
}
