package io.herald.config;

import static io.herald.config.ConfigSchema.PORT;
import static io.herald.config.ConfigSchema.POSITIVE_INT;
import static io.herald.config.ValueTypes.duration;
import static io.herald.config.ValueTypes.integer;
import static io.herald.config.ValueTypes.list;
import static io.herald.config.ValueTypes.matching;
import static io.herald.config.ValueTypes.oneOf;
import static io.herald.config.ValueTypes.optionalText;
import static io.herald.config.ValueTypes.port;

import java.util.List;
import java.util.Optional;

/**
 * The {@code delivery.*} keys (smarthost or MX, limits, retries, DKIM), declared apart from {@link
 * ConfigSchema} only to keep each file to one section's worth of declarations; the schema lists
 * them in {@link ConfigSchema#KEYS} and assembles {@link DeliveryConfig} from them.
 */
final class DeliveryKeys {
  private DeliveryKeys() {}

  static final ConfigKey<Optional<String>> DELIVERY_SMTP_HOST =
      ConfigKey.of(
          "delivery.smtp.host",
          optionalText("a host name, or empty"),
          "",
          "Smarthost every message is relayed through; empty delivers straight to each recipient"
              + " domain's MX hosts.");
  static final ConfigKey<Integer> DELIVERY_SMTP_PORT =
      ConfigKey.of("delivery.smtp.port", port(PORT), "25", "Port of the smarthost.");
  static final ConfigKey<String> DELIVERY_SMTP_TLS =
      ConfigKey.of(
          "delivery.smtp.tls",
          oneOf(List.of("none", "starttls", "tls"), "none, starttls or tls"),
          "none",
          "TLS to the smarthost: none, starttls (required) or tls (implicit, usually port 465).");
  static final ConfigKey<Optional<String>> DELIVERY_SMTP_USERNAME =
      ConfigKey.of(
          "delivery.smtp.username",
          optionalText("a user name, or empty"),
          "",
          "AUTH user name for the smarthost; empty sends without AUTH.");
  static final ConfigKey<Optional<String>> DELIVERY_SMTP_PASSWORD =
      ConfigKey.of(
          "delivery.smtp.password",
          optionalText("a password, or empty"),
          "",
          "AUTH password for the smarthost (prefer the environment variable to the file).");
  static final ConfigKey<Integer> DELIVERY_SMTP_MAX_CONNECTIONS =
      ConfigKey.of(
          "delivery.smtp.maxConnections",
          integer(1, 10_000, POSITIVE_INT),
          "10",
          "Most simultaneous connections to the smarthost.");
  static final ConfigKey<Integer> DELIVERY_CONCURRENCY =
      ConfigKey.of(
          "delivery.concurrency",
          integer(1, 100_000, POSITIVE_INT),
          "64",
          "Messages one node sends at the same time (virtual threads).");
  static final ConfigKey<String> DELIVERY_RATE =
      ConfigKey.of(
          "delivery.rate",
          matching(
              java.util.regex.Pattern.compile("[1-9][0-9]*/(s|min|h|d)"),
              "a rate such as 100/s, 6000/min or 20/h"),
          "100/s",
          "Default message rate per destination domain; a destination that answers 421 or"
              + " \"try later\" is slowed down below it by itself.");
  static final ConfigKey<Integer> DELIVERY_MAX_CONNECTIONS_PER_DOMAIN =
      ConfigKey.of(
          "delivery.maxConnectionsPerDomain",
          integer(1, 10_000, POSITIVE_INT),
          "5",
          "Default simultaneous connections per destination domain (MX delivery).");
  static final ConfigKey<java.time.Duration> DELIVERY_RETRY_MAX_AGE =
      ConfigKey.of(
          "delivery.retryMaxAge",
          duration("a duration such as 72h or 30m"),
          "72h",
          "How long a deferred message is retried (exponential backoff with jitter) before it"
              + " counts as a soft bounce.");
  static final ConfigKey<java.time.Duration> DELIVERY_RECLAIM_AFTER =
      ConfigKey.of(
          "delivery.reclaimAfter",
          duration("a duration such as 2m or 30s"),
          "2m",
          "A message claimed this long ago and not finished belongs to a node that died; another"
              + " node takes it over. Longer than the slowest SMTP transaction.");
  static final ConfigKey<List<String>> DELIVERY_MX_OVERRIDES =
      ConfigKey.of(
          "delivery.mxOverrides",
          list(
              matching(
                  java.util.regex.Pattern.compile("[^=\\s]+=[^:\\s]+(:[0-9]{1,5})?"),
                  "domain=host:port"),
              "a list of domain=host:port pairs"),
          "",
          "Destinations reached at a fixed host instead of their DNS MX hosts, e.g."
              + " example.com=127.0.0.1:2525 (tests, local mail catchers).");
  static final ConfigKey<List<String>> DELIVERY_DOMAIN_LIMITS =
      ConfigKey.of(
          "delivery.domainLimits",
          list(
              matching(
                  java.util.regex.Pattern.compile(
                      "[^=,\\s]+=[1-9][0-9]{0,4}:[1-9][0-9]*/(s|min|h|d)"),
                  "domain=connections:rate"),
              "a list of domain=connections:rate entries"),
          "",
          "Per-destination limits that replace the defaults above for one domain, e.g."
              + " gmail.com=10:300/s or small-isp.example=1:20/min.");
  static final ConfigKey<List<String>> DELIVERY_DKIM_KEYS =
      ConfigKey.of(
          "delivery.dkimKeys",
          list(
              matching(
                  java.util.regex.Pattern.compile("[^=:\\s]+=[A-Za-z0-9._-]+:\\S+"),
                  "domain=selector:keyfile"),
              "a list of domain=selector:keyfile entries"),
          "",
          "DKIM keys of Herald's own domains, e.g. herald.example=s2026:/etc/herald/dkim.pem;"
              + " the key file is PKCS#8 PEM, RSA (rsa-sha256) or Ed25519 (ed25519-sha256). No"
              + " account may add these domains; accounts' sending domains get keys of their own"
              + " (POST /api/domains).");
  static final ConfigKey<Optional<String>> DELIVERY_RETURN_PATH_DOMAIN =
      ConfigKey.of(
          "delivery.returnPathDomain",
          optionalText("a domain, or empty"),
          "",
          "Domain of the signed VERP return path that bounces come back to; empty uses the"
              + " sender's domain.");
  static final ConfigKey<Optional<String>> DELIVERY_VERIFICATION_DNS_SERVER =
      ConfigKey.of(
          "delivery.verificationDnsServer",
          optionalText("host:port, or empty"),
          "",
          "DNS server (host:port, e.g. 127.0.0.1:5353) asked for the TXT record that proves an"
              + " account controls a sending domain; empty asks the system's resolvers.");
}
