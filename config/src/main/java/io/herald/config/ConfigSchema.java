package io.herald.config;

import static io.herald.config.ValueTypes.charset;
import static io.herald.config.ValueTypes.dataSize;
import static io.herald.config.ValueTypes.duration;
import static io.herald.config.ValueTypes.host;
import static io.herald.config.ValueTypes.httpUrl;
import static io.herald.config.ValueTypes.integer;
import static io.herald.config.ValueTypes.list;
import static io.herald.config.ValueTypes.longInteger;
import static io.herald.config.ValueTypes.matching;
import static io.herald.config.ValueTypes.oneOf;
import static io.herald.config.ValueTypes.optionalRedisUri;
import static io.herald.config.ValueTypes.optionalText;
import static io.herald.config.ValueTypes.path;
import static io.herald.config.ValueTypes.port;
import static io.herald.config.ValueTypes.region;
import static io.herald.config.ValueTypes.text;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one place that lists every configuration key with its type, default and documentation, and
 * that turns parsed values into the records. To add a key: declare it here, add it to {@link
 * #KEYS}, read it in {@link #assemble}, and document it in {@code config/herald.example.yml} and
 * {@code docs/configuration.md} (tests fail until both mention it).
 */
final class ConfigSchema {

  private static final String POSITIVE_SIZE = "a positive size such as 256MiB, 10MB or 1048576";
  private static final String POSITIVE_INT = "a positive integer";
  private static final String PORT = "an integer 0..65535";

  static final ConfigKey<String> HTTP_HOST =
      ConfigKey.of(
          "http.host",
          host("a host name or IP address"),
          "0.0.0.0",
          "Address the HTTP server (API, tracking links, pages) binds to; 0.0.0.0 means every"
              + " interface.");
  static final ConfigKey<Integer> HTTP_PORT =
      ConfigKey.of(
          "http.port",
          port(PORT),
          "8080",
          "TCP port of the HTTP server; 0 lets the operating system pick a free port.");
  static final ConfigKey<Long> HTTP_MAX_UPLOAD_BYTES =
      ConfigKey.of(
          "http.maxUploadBytes",
          dataSize(1, POSITIVE_SIZE),
          "256MiB",
          "Largest HTTP request body accepted (an uploaded contact file); larger requests are"
              + " refused before they are read.");

  static final ConfigKey<java.nio.file.Path> DATA_DIR =
      ConfigKey.of(
          "data.dir",
          path("a file-system path"),
          "./data",
          "Directory for local data: the embedded Redis files and staged imports. Relative to the"
              + " working directory.");

  static final ConfigKey<Optional<java.net.URI>> REDIS_URI =
      ConfigKey.of(
          "redis.uri",
          optionalRedisUri(
              "a redis://, rediss://, redis-sentinel:// or redis-cluster://host:port[,host:port] URI, or empty for the"
                  + " embedded server"),
          "",
          "Redis server or cluster to use, e.g. redis://redis:6379/0; empty starts an embedded"
              + " redis-server with its data under data.dir.");
  static final ConfigKey<Integer> REDIS_EMBEDDED_PORT =
      ConfigKey.of(
          "redis.embeddedPort",
          port(PORT),
          "0",
          "Port of the embedded redis-server (used only when redis.uri is empty); 0 picks a free"
              + " port at start.");

  static final ConfigKey<List<String>> POLICY_BLOCKED_REGIONS =
      ConfigKey.of(
          "policy.blockedRegions",
          list(
              region("a 2-letter region code"),
              "a list of 2-letter ISO 3166-1 region codes such as RU, BY"),
          "RU, BY",
          "Regions (ISO 3166-1 alpha-2) Herald refuses to send to; an empty list blocks none.");

  static final ConfigKey<String> IMPORT_DEFAULT_REGION =
      ConfigKey.of(
          "import.defaultRegion",
          region("a 2-letter ISO 3166-1 region code such as UA"),
          "UA",
          "Region (ISO 3166-1 alpha-2) assumed for phone numbers written without a country code.");
  static final ConfigKey<String> IMPORT_FALLBACK_CHARSET =
      ConfigKey.of(
          "import.fallbackCharset",
          charset("a charset name Java supports, such as windows-1251"),
          "windows-1251",
          "Charset used to read a text or CSV file that is not valid UTF-8.");
  static final ConfigKey<Long> IMPORT_MAX_FILE_BYTES =
      ConfigKey.of(
          "import.maxFileBytes",
          dataSize(1, POSITIVE_SIZE),
          "256MiB",
          "Largest contact file accepted.");
  static final ConfigKey<Long> IMPORT_MAX_ROWS =
      ConfigKey.of(
          "import.maxRows",
          longInteger(1, Long.MAX_VALUE, POSITIVE_INT),
          "2000000",
          "Most data rows accepted in one file; a longer file is refused, not truncated.");
  static final ConfigKey<Integer> IMPORT_MAX_CELL_CHARS =
      ConfigKey.of(
          "import.maxCellChars",
          integer(1, Integer.MAX_VALUE, POSITIVE_INT),
          "4096",
          "Longest cell accepted, in characters.");
  static final ConfigKey<Integer> IMPORT_MAX_LINE_CHARS =
      ConfigKey.of(
          "import.maxLineChars",
          integer(1, Integer.MAX_VALUE, POSITIVE_INT),
          "65536",
          "Longest line of a TXT or CSV file, in characters.");
  static final ConfigKey<Integer> IMPORT_MAX_EXPANSION_RATIO =
      ConfigKey.of(
          "import.maxExpansionRatio",
          integer(1, Integer.MAX_VALUE, POSITIVE_INT),
          "100",
          "Most an XLSX (zip) entry may expand relative to its compressed size; guards against"
              + " zip bombs.");
  static final ConfigKey<Long> IMPORT_MAX_UNCOMPRESSED_BYTES =
      ConfigKey.of(
          "import.maxUncompressedBytes",
          dataSize(1, POSITIVE_SIZE),
          "2GiB",
          "Most bytes an XLSX file may expand to in total.");
  static final ConfigKey<String> IMPORT_CONSENT_STATEMENT =
      ConfigKey.of(
          "import.consentStatement",
          text("a non-empty sentence"),
          "You receive this because you subscribed to our news.",
          "Why recipients get messages, shown in footers; used when an import gives no statement.");

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
          "DKIM keys of the sending domains, e.g. example.com=s2026:/etc/herald/example.com.pem;"
              + " the key file is PKCS#8 PEM, RSA (rsa-sha256) or Ed25519 (ed25519-sha256). Mail"
              + " from a domain (or a subdomain) with a key is signed with it.");
  static final ConfigKey<Optional<String>> DELIVERY_RETURN_PATH_DOMAIN =
      ConfigKey.of(
          "delivery.returnPathDomain",
          optionalText("a domain, or empty"),
          "",
          "Domain of the signed VERP return path that bounces come back to; empty uses the"
              + " sender's domain.");

  static final ConfigKey<java.net.URI> TRACKING_BASE_URL =
      ConfigKey.of(
          "tracking.baseUrl",
          httpUrl("an absolute http(s) URL"),
          "http://localhost:8080",
          "Public base URL of this server as recipients reach it; click, open and unsubscribe"
              + " links point here.");
  static final ConfigKey<Optional<String>> TRACKING_SECRET =
      ConfigKey.of(
          "tracking.secret",
          optionalText("at least 32 characters, or empty"),
          "",
          "Key that signs link tokens and return paths; empty generates one on first start into"
              + " data.dir/tracking-secret. Every node of a cluster needs the same key.");

  static final ConfigKey<String> CANARY_APPLY_TO =
      ConfigKey.of(
          "canary.applyTo",
          oneOf(List.of("all", "none"), "all or none"),
          "all",
          "Which bulk campaigns start with a canary (R6): all, or none (the whole audience at"
              + " once; for tests and trusted senders).");
  static final ConfigKey<java.time.Duration> CANARY_WINDOW =
      ConfigKey.of(
          "canary.window",
          duration("a duration such as 6h or 90m"),
          "6h",
          "How long the canary sample is observed (opens, clicks, bounces, unsubscribes,"
              + " complaints) before the rest is released; a clearly bad canary is held sooner.");
  static final ConfigKey<java.time.Duration> CANARY_CHECK_EVERY =
      ConfigKey.of(
          "canary.checkEvery",
          duration("a duration such as 1m or 30s"),
          "1m",
          "How often each node scores the canaries under observation; decisions are taken once,"
              + " whichever node scores first.");

  /** Every key, in the order of the docs and the example file. */
  static final List<ConfigKey<?>> KEYS =
      List.of(
          HTTP_HOST,
          HTTP_PORT,
          HTTP_MAX_UPLOAD_BYTES,
          DATA_DIR,
          REDIS_URI,
          REDIS_EMBEDDED_PORT,
          POLICY_BLOCKED_REGIONS,
          IMPORT_DEFAULT_REGION,
          IMPORT_FALLBACK_CHARSET,
          IMPORT_MAX_FILE_BYTES,
          IMPORT_MAX_ROWS,
          IMPORT_MAX_CELL_CHARS,
          IMPORT_MAX_LINE_CHARS,
          IMPORT_MAX_EXPANSION_RATIO,
          IMPORT_MAX_UNCOMPRESSED_BYTES,
          IMPORT_CONSENT_STATEMENT,
          DELIVERY_SMTP_HOST,
          DELIVERY_SMTP_PORT,
          DELIVERY_SMTP_TLS,
          DELIVERY_SMTP_USERNAME,
          DELIVERY_SMTP_PASSWORD,
          DELIVERY_SMTP_MAX_CONNECTIONS,
          DELIVERY_CONCURRENCY,
          DELIVERY_RATE,
          DELIVERY_MAX_CONNECTIONS_PER_DOMAIN,
          DELIVERY_RETRY_MAX_AGE,
          DELIVERY_RECLAIM_AFTER,
          DELIVERY_MX_OVERRIDES,
          DELIVERY_RETURN_PATH_DOMAIN,
          DELIVERY_DOMAIN_LIMITS,
          DELIVERY_DKIM_KEYS,
          TRACKING_BASE_URL,
          TRACKING_SECRET,
          CANARY_APPLY_TO,
          CANARY_WINDOW,
          CANARY_CHECK_EVERY);

  private static final Map<String, ConfigKey<?>> BY_PATH =
      KEYS.stream().collect(Collectors.toUnmodifiableMap(ConfigKey::path, Function.identity()));

  private ConfigSchema() {}

  static Optional<ConfigKey<?>> key(String path) {
    return Optional.ofNullable(BY_PATH.get(path));
  }

  /** Whether a path is a section (a mapping that holds keys), e.g. {@code http} or "" (root). */
  static boolean isSection(String path) {
    return KEYS.stream().anyMatch(k -> path.isEmpty() || k.path().startsWith(path + "."));
  }

  /** Names directly under a section, in schema order: keys and sub-sections alike. */
  static SequencedSet<String> childrenOf(String section) {
    String prefix = section.isEmpty() ? "" : section + ".";
    SequencedSet<String> names = new LinkedHashSet<>();
    for (ConfigKey<?> k : KEYS) {
      if (k.path().startsWith(prefix)) {
        names.add(k.path().substring(prefix.length()).split("\\.", 2)[0]);
      }
    }
    return names;
  }

  static HeraldConfig defaults() {
    return assemble(new Values());
  }

  static HeraldConfig assemble(Values v) {
    return new HeraldConfig(
        new HttpConfig(v.get(HTTP_HOST), v.get(HTTP_PORT), v.get(HTTP_MAX_UPLOAD_BYTES)),
        new DataConfig(v.get(DATA_DIR)),
        new RedisConfig(v.get(REDIS_URI), v.get(REDIS_EMBEDDED_PORT)),
        new PolicyConfig(v.get(POLICY_BLOCKED_REGIONS)),
        new ImportConfig(
            v.get(IMPORT_DEFAULT_REGION),
            v.get(IMPORT_FALLBACK_CHARSET),
            v.get(IMPORT_MAX_FILE_BYTES),
            v.get(IMPORT_MAX_ROWS),
            v.get(IMPORT_MAX_CELL_CHARS),
            v.get(IMPORT_MAX_LINE_CHARS),
            v.get(IMPORT_MAX_EXPANSION_RATIO),
            v.get(IMPORT_MAX_UNCOMPRESSED_BYTES),
            v.get(IMPORT_CONSENT_STATEMENT)),
        new DeliveryConfig(
            v.get(DELIVERY_SMTP_HOST),
            v.get(DELIVERY_SMTP_PORT),
            v.get(DELIVERY_SMTP_TLS),
            v.get(DELIVERY_SMTP_USERNAME),
            v.get(DELIVERY_SMTP_PASSWORD),
            v.get(DELIVERY_SMTP_MAX_CONNECTIONS),
            v.get(DELIVERY_CONCURRENCY),
            v.get(DELIVERY_RATE),
            v.get(DELIVERY_MAX_CONNECTIONS_PER_DOMAIN),
            v.get(DELIVERY_RETRY_MAX_AGE),
            v.get(DELIVERY_RECLAIM_AFTER),
            v.get(DELIVERY_MX_OVERRIDES),
            v.get(DELIVERY_RETURN_PATH_DOMAIN),
            v.get(DELIVERY_DOMAIN_LIMITS),
            v.get(DELIVERY_DKIM_KEYS)),
        new TrackingConfig(v.get(TRACKING_BASE_URL), v.get(TRACKING_SECRET)),
        new CanaryConfig(v.get(CANARY_APPLY_TO), v.get(CANARY_WINDOW), v.get(CANARY_CHECK_EVERY)));
  }

  /** Values set so far by the file and the environment; a key not set reads as its default. */
  static final class Values {
    private final Map<String, Object> set = new HashMap<>();

    <T> void put(ConfigKey<T> key, T value) {
      set.put(key.path(), value);
    }

    @SuppressWarnings("unchecked") // put() only stores a T under a ConfigKey<T>
    <T> T get(ConfigKey<T> key) {
      return set.containsKey(key.path()) ? (T) set.get(key.path()) : key.defaultValue();
    }
  }
}
