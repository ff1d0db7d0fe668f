package io.herald.config;

import static io.herald.config.ConfigSchema.PORT;
import static io.herald.config.ConfigSchema.POSITIVE_INT;
import static io.herald.config.ConfigSchema.POSITIVE_SIZE;
import static io.herald.config.ValueTypes.dataSize;
import static io.herald.config.ValueTypes.duration;
import static io.herald.config.ValueTypes.host;
import static io.herald.config.ValueTypes.integer;
import static io.herald.config.ValueTypes.list;
import static io.herald.config.ValueTypes.matching;
import static io.herald.config.ValueTypes.optionalText;
import static io.herald.config.ValueTypes.port;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code relay.*} keys: Herald's SMTP relay for developers (R10) and the door for bounces and
 * feedback-loop reports that come back by mail. Declared apart from {@link ConfigSchema} to keep
 * each file to one section; the schema lists them and assembles {@link RelayConfig}.
 */
final class RelayKeys {
  private RelayKeys() {}

  static final ConfigKey<String> RELAY_HOST =
      ConfigKey.of(
          "relay.host",
          host("a host name or IP address"),
          "0.0.0.0",
          "Address the SMTP relay binds to; 0.0.0.0 means every interface.");
  static final ConfigKey<Integer> RELAY_PORT =
      ConfigKey.of(
          "relay.port",
          port(PORT),
          "2525",
          "Port of the SMTP relay (part of herald serve); 0 picks a free one.");
  static final ConfigKey<Optional<String>> RELAY_SERVER_NAME =
      ConfigKey.of(
          "relay.serverName",
          optionalText("a host name, or empty"),
          "",
          "The name the relay greets with and writes in Received headers; empty uses this"
              + " machine's host name.");
  static final ConfigKey<String> RELAY_ALLOW_PLAIN_AUTH =
      ConfigKey.of(
          "relay.allowPlainAuth",
          ValueTypes.oneOf(List.of("true", "false"), "true or false"),
          "false",
          "Allow AUTH before STARTTLS (passwords in clear): only for local use.");
  static final ConfigKey<List<String>> RELAY_TRUSTED_NETWORKS =
      ConfigKey.of(
          "relay.trustedNetworks",
          list(
              matching(Pattern.compile("[0-9a-fA-F:.]+(/[0-9]{1,3})?"), "an IP address or CIDR"),
              "a list of IP addresses or CIDR ranges"),
          "",
          "Client networks that may send without AUTH, as relay.trustedAccount (tools that cannot"
              + " authenticate), e.g. 127.0.0.1/32. Empty: everyone must AUTH.");
  static final ConfigKey<Optional<String>> RELAY_TRUSTED_ACCOUNT =
      ConfigKey.of(
          "relay.trustedAccount",
          optionalText("an account id, or empty"),
          "",
          "The account that mail from relay.trustedNetworks is sent as (its id: 16 hex digits).");
  static final ConfigKey<Optional<String>> RELAY_TLS_CERTIFICATE =
      ConfigKey.of(
          "relay.tlsCertificate",
          optionalText("a PEM file, or empty"),
          "",
          "PEM certificate chain for STARTTLS; empty generates a self-signed one on first start"
              + " into data.dir/relay-tls.");
  static final ConfigKey<Optional<String>> RELAY_TLS_KEY =
      ConfigKey.of(
          "relay.tlsKey",
          optionalText("a PEM file, or empty"),
          "",
          "PEM private key (PKCS#8) of relay.tlsCertificate.");
  static final ConfigKey<Long> RELAY_MAX_MESSAGE_SIZE =
      ConfigKey.of(
          "relay.maxMessageSize",
          dataSize(1024, POSITIVE_SIZE),
          "10MiB",
          "Largest message the relay accepts (advertised as SIZE); a message holds at most 50"
              + " recipients, the 51st RCPT gets 452 4.5.3.");
  static final ConfigKey<Integer> RELAY_MAX_CONNECTIONS_PER_IP =
      ConfigKey.of(
          "relay.maxConnectionsPerIp",
          integer(1, 100_000, POSITIVE_INT),
          "50",
          "Most simultaneous connections from one client address.");
  static final ConfigKey<Integer> RELAY_MAX_CONNECTIONS_PER_NETWORK =
      ConfigKey.of(
          "relay.maxConnectionsPerNetwork",
          integer(1, 1_000_000, POSITIVE_INT),
          "100",
          "Most simultaneous connections from one network (an IPv4 /24, an IPv6 /64); at least"
              + " maxConnectionsPerIp and at most maxConnections - connectionReserve.");
  static final ConfigKey<Integer> RELAY_MAX_CONNECTIONS =
      ConfigKey.of(
          "relay.maxConnections",
          integer(1, 1_000_000, POSITIVE_INT),
          "1000",
          "Most simultaneous connections in total; more get 421 4.7.0.");
  static final ConfigKey<Integer> RELAY_CONNECTION_RESERVE =
      ConfigKey.of(
          "relay.connectionReserve",
          integer(0, 1_000_000, "an integer 0 or more"),
          "100",
          "The last connection slots of maxConnections, kept for networks that hold no"
              + " connection yet, so clients that filled the rest cannot keep newcomers out.");
  static final ConfigKey<Integer> RELAY_MIN_DATA_RATE =
      ConfigKey.of(
          "relay.minDataRate",
          integer(0, 1_000_000_000, "bytes per second, 0 or more"),
          "100",
          "Bytes per second a client must keep up, over each relay.dataRateInterval, while the"
              + " relay waits for the rest of a command line or message; slower gets 421 4.4.2."
              + " 0 turns the check off.");
  static final ConfigKey<Duration> RELAY_DATA_RATE_INTERVAL =
      ConfigKey.of(
          "relay.dataRateInterval",
          duration("a duration such as 30s"),
          "30s",
          "The interval over which relay.minDataRate is measured.");
  static final ConfigKey<Duration> RELAY_MAX_SESSION_TIME =
      ConfigKey.of(
          "relay.maxSessionTime",
          duration("a duration such as 10m"),
          "10m",
          "Longest a connection may last, however busy; then 421 4.4.2 and close.");
  static final ConfigKey<Duration> RELAY_IDLE_TIMEOUT =
      ConfigKey.of(
          "relay.idleTimeout",
          duration("a duration such as 5m"),
          "5m",
          "Silence from a client between commands before 421 4.4.2 and close (RFC 5321 asks a"
              + " server to wait at least 5 minutes).");
  static final ConfigKey<Duration> RELAY_AUTH_FAILURE_DELAY =
      ConfigKey.of(
          "relay.authFailureDelay",
          duration("a duration such as 1s"),
          "1s",
          "Delay of the reply to a client address's first failed AUTH; it doubles with each"
              + " further failure, up to 32 times.");
  static final ConfigKey<Integer> RELAY_MAX_AUTH_FAILURES =
      ConfigKey.of(
          "relay.maxAuthFailures",
          integer(1, 1_000_000, POSITIVE_INT),
          "10",
          "Failed AUTHs of one client address after which its AUTH is refused (454 4.7.0)"
              + " until relay.authFailureWindow has passed since the last failure.");
  static final ConfigKey<Duration> RELAY_AUTH_FAILURE_WINDOW =
      ConfigKey.of(
          "relay.authFailureWindow",
          duration("a duration such as 15m"),
          "15m",
          "How long after its last failure a client address's failed AUTHs are forgotten.");
  static final ConfigKey<String> RELAY_ACCOUNT_RATE =
      ConfigKey.of(
          "relay.accountRate",
          matching(
              Pattern.compile("[1-9][0-9]*/(s|min|h|d)"), "a rate such as 100/s, 6000/min or 20/h"),
          "100/s",
          "Messages each account may hand to the relay; over it, MAIL FROM is answered 451 4.7.1"
              + " (try again later).");

  static final List<ConfigKey<?>> KEYS =
      List.of(
          RELAY_HOST,
          RELAY_PORT,
          RELAY_SERVER_NAME,
          RELAY_ALLOW_PLAIN_AUTH,
          RELAY_TRUSTED_NETWORKS,
          RELAY_TRUSTED_ACCOUNT,
          RELAY_TLS_CERTIFICATE,
          RELAY_TLS_KEY,
          RELAY_MAX_MESSAGE_SIZE,
          RELAY_MAX_CONNECTIONS_PER_IP,
          RELAY_ACCOUNT_RATE,
          RELAY_MAX_CONNECTIONS_PER_NETWORK,
          RELAY_MAX_CONNECTIONS,
          RELAY_CONNECTION_RESERVE,
          RELAY_MIN_DATA_RATE,
          RELAY_DATA_RATE_INTERVAL,
          RELAY_MAX_SESSION_TIME,
          RELAY_IDLE_TIMEOUT,
          RELAY_AUTH_FAILURE_DELAY,
          RELAY_MAX_AUTH_FAILURES,
          RELAY_AUTH_FAILURE_WINDOW);

  static RelayConfig assemble(ConfigSchema.Values v) {
    return new RelayConfig(
        v.get(RELAY_HOST),
        v.get(RELAY_PORT),
        v.get(RELAY_SERVER_NAME),
        Boolean.parseBoolean(v.get(RELAY_ALLOW_PLAIN_AUTH)),
        v.get(RELAY_TRUSTED_NETWORKS),
        v.get(RELAY_TRUSTED_ACCOUNT),
        v.get(RELAY_TLS_CERTIFICATE),
        v.get(RELAY_TLS_KEY),
        v.get(RELAY_MAX_MESSAGE_SIZE),
        v.get(RELAY_MAX_CONNECTIONS_PER_IP),
        v.get(RELAY_ACCOUNT_RATE),
        new RelayAbuseLimits(
            v.get(RELAY_MAX_CONNECTIONS),
            v.get(RELAY_MAX_CONNECTIONS_PER_NETWORK),
            v.get(RELAY_CONNECTION_RESERVE),
            v.get(RELAY_MIN_DATA_RATE),
            v.get(RELAY_DATA_RATE_INTERVAL),
            v.get(RELAY_MAX_SESSION_TIME),
            v.get(RELAY_IDLE_TIMEOUT),
            v.get(RELAY_AUTH_FAILURE_DELAY),
            v.get(RELAY_MAX_AUTH_FAILURES),
            v.get(RELAY_AUTH_FAILURE_WINDOW)));
  }
}
