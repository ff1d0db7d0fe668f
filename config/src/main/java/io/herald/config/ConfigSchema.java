package io.herald.config;

import static io.herald.config.DeliveryKeys.DELIVERY_CONCURRENCY;
import static io.herald.config.DeliveryKeys.DELIVERY_DKIM_KEYS;
import static io.herald.config.DeliveryKeys.DELIVERY_DOMAIN_LIMITS;
import static io.herald.config.DeliveryKeys.DELIVERY_MAX_CONNECTIONS_PER_DOMAIN;
import static io.herald.config.DeliveryKeys.DELIVERY_MX_OVERRIDES;
import static io.herald.config.DeliveryKeys.DELIVERY_RATE;
import static io.herald.config.DeliveryKeys.DELIVERY_RECLAIM_AFTER;
import static io.herald.config.DeliveryKeys.DELIVERY_RETRY_MAX_AGE;
import static io.herald.config.DeliveryKeys.DELIVERY_RETURN_PATH_DOMAIN;
import static io.herald.config.DeliveryKeys.DELIVERY_SMTP_HOST;
import static io.herald.config.DeliveryKeys.DELIVERY_SMTP_MAX_CONNECTIONS;
import static io.herald.config.DeliveryKeys.DELIVERY_SMTP_PASSWORD;
import static io.herald.config.DeliveryKeys.DELIVERY_SMTP_PORT;
import static io.herald.config.DeliveryKeys.DELIVERY_SMTP_TLS;
import static io.herald.config.DeliveryKeys.DELIVERY_SMTP_USERNAME;
import static io.herald.config.DeliveryKeys.DELIVERY_VERIFICATION_DNS_SERVER;
import static io.herald.config.ValueTypes.charset;
import static io.herald.config.ValueTypes.dataSize;
import static io.herald.config.ValueTypes.duration;
import static io.herald.config.ValueTypes.host;
import static io.herald.config.ValueTypes.httpUrl;
import static io.herald.config.ValueTypes.integer;
import static io.herald.config.ValueTypes.list;
import static io.herald.config.ValueTypes.longInteger;
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

  static final String POSITIVE_SIZE = "a positive size such as 256MiB, 10MB or 1048576";
  static final String POSITIVE_INT = "a positive integer";
  static final String PORT = "an integer 0..65535";

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
  static final ConfigKey<String> REDIS_EMBEDDED_FSYNC =
      ConfigKey.of(
          "redis.embeddedFsync",
          oneOf(List.of("everysec", "always"), "everysec or always"),
          "everysec",
          "When the embedded redis-server's append-only file reaches the disk: everysec (once a"
              + " second; a machine crash loses at most the last second of writes) or always"
              + " (before each write is answered, as Postfix fsyncs a queue file before 250; slower).");
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
  static final ConfigKey<String> POLICY_PROHIBITED_CONTENT =
      ConfigKey.of(
          "policy.prohibitedContent",
          oneOf(List.of("hold", "off"), "hold or off"),
          "hold",
          "What happens to a campaign whose content looks prohibited (R7): hold (held for an"
              + " administrator before anything is sent, its canary included) or off (not"
              + " checked).");

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
          "Key that seals link tokens and signs return paths; empty generates one on first start"
              + " into data.dir/tracking-secret. Every node of a cluster needs the same key.");

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
      java.util.stream.Stream.of(
              java.util.stream.Stream.<ConfigKey<?>>of(HTTP_HOST, HTTP_PORT, HTTP_MAX_UPLOAD_BYTES),
              RateLimitKeys.KEYS.stream(),
              SignInKeys.KEYS.stream(),
              java.util.stream.Stream.<ConfigKey<?>>of(
                  DATA_DIR,
                  REDIS_URI,
                  REDIS_EMBEDDED_PORT,
                  REDIS_EMBEDDED_FSYNC,
                  POLICY_BLOCKED_REGIONS,
                  POLICY_PROHIBITED_CONTENT),
              PlanKeys.KEYS.stream(),
              java.util.stream.Stream.<ConfigKey<?>>of(
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
                  DELIVERY_VERIFICATION_DNS_SERVER,
                  TRACKING_BASE_URL,
                  TRACKING_SECRET,
                  CANARY_APPLY_TO,
                  CANARY_WINDOW,
                  CANARY_CHECK_EVERY),
              RelayKeys.KEYS.stream(),
              WebhookKeys.KEYS.stream(),
              MetricsKeys.KEYS.stream(),
              SmsKeys.KEYS.stream(),
              ViberKeys.KEYS.stream())
          .flatMap(keys -> keys)
          .toList();

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
        new HttpConfig(
            v.get(HTTP_HOST),
            v.get(HTTP_PORT),
            v.get(HTTP_MAX_UPLOAD_BYTES),
            RateLimitKeys.assemble(v),
            SignInKeys.assemble(v)),
        new DataConfig(v.get(DATA_DIR)),
        new RedisConfig(v.get(REDIS_URI), v.get(REDIS_EMBEDDED_PORT), v.get(REDIS_EMBEDDED_FSYNC)),
        new PolicyConfig(
            v.get(POLICY_BLOCKED_REGIONS), v.get(POLICY_PROHIBITED_CONTENT), PlanKeys.assemble(v)),
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
            v.get(DELIVERY_DKIM_KEYS),
            v.get(DELIVERY_VERIFICATION_DNS_SERVER)),
        new TrackingConfig(v.get(TRACKING_BASE_URL), v.get(TRACKING_SECRET)),
        new CanaryConfig(v.get(CANARY_APPLY_TO), v.get(CANARY_WINDOW), v.get(CANARY_CHECK_EVERY)),
        RelayKeys.assemble(v),
        WebhookKeys.assemble(v),
        MetricsKeys.assemble(v),
        SmsKeys.assemble(v),
        ViberKeys.assemble(v));
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
