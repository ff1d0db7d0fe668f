package io.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path dir;

  private Path yaml(String... lines) throws IOException {
    Path file = dir.resolve("herald.yml");
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  private static HeraldConfig load(Path file, Map<String, String> env) throws ConfigException {
    return ConfigLoader.load(Optional.of(file), env);
  }

  private static HeraldConfig loadEnv(Map<String, String> env) throws ConfigException {
    return ConfigLoader.load(Optional.empty(), env);
  }

  // --- defaults ---------------------------------------------------------------------------

  @Test
  void without_file_or_environment_every_key_has_its_documented_default() throws Exception {
    HeraldConfig c = loadEnv(Map.of());

    assertThat(c).isEqualTo(HeraldConfig.defaults());
    assertThat(c.http()).isEqualTo(new HttpConfig("0.0.0.0", 8080, 256L << 20));
    // Metrics answer without a token: on their own port, loopback only, unless the operator says.
    assertThat(c.metrics()).isEqualTo(new MetricsConfig(true, "127.0.0.1", 8081));
    assertThat(c.data().dir()).isEqualTo(Path.of("./data"));
    assertThat(c.redis()).isEqualTo(new RedisConfig(Optional.empty(), 0));
    assertThat(c.policy().blockedRegions()).containsExactly("RU", "BY");
    assertThat(c.imports())
        .isEqualTo(
            new ImportConfig(
                "UA",
                "windows-1251",
                256L << 20,
                2_000_000,
                4096,
                65_536,
                100,
                2L << 30,
                "You receive this because you subscribed to our news."));
  }

  @Test
  void an_empty_file_or_one_with_only_comments_is_all_defaults() throws Exception {
    assertThat(load(yaml(""), Map.of())).isEqualTo(HeraldConfig.defaults());
    assertThat(load(yaml("# nothing yet", "http:"), Map.of())).isEqualTo(HeraldConfig.defaults());
  }

  // --- file values ------------------------------------------------------------------------

  @Test
  void values_from_the_file_replace_defaults_and_leave_other_keys_alone() throws Exception {
    Path file =
        yaml(
            "http:",
            "  host: 127.0.0.1",
            "  port: 0",
            "  maxUploadBytes: 10MB",
            "data:",
            "  dir: /var/lib/herald",
            "redis:",
            "  uri: redis://redis:6379/0",
            "policy:",
            "  blockedRegions:",
            "    - ru",
            "    - kp",
            "import:",
            "  fallbackCharset: cp1251",
            "  maxRows: 500",
            "  consentStatement: \"You asked: we send.\"");

    HeraldConfig c = load(file, Map.of());

    assertThat(c.http()).isEqualTo(new HttpConfig("127.0.0.1", 0, 10_000_000));
    assertThat(c.data().dir()).isEqualTo(Path.of("/var/lib/herald"));
    assertThat(c.redis().uri()).contains(URI.create("redis://redis:6379/0"));
    assertThat(c.policy().blockedRegions()).containsExactly("RU", "KP");
    assertThat(c.imports().fallbackCharset()).isEqualTo("windows-1251");
    assertThat(c.imports().maxRows()).isEqualTo(500);
    assertThat(c.imports().consentStatement()).isEqualTo("You asked: we send.");
    assertThat(c.imports().maxCellChars()).isEqualTo(4096);
    assertThat(c.imports().defaultRegion()).isEqualTo("UA");
  }

  @Test
  void rate_limits_nest_under_http_and_come_from_the_environment_too() throws Exception {
    Path file = yaml("http:", "  rateLimit:", "    perSecond: 5", "    burst: 7");

    HeraldConfig c = load(file, Map.of("HERALD_HTTP_RATE_LIMIT_PUBLIC_PER_SECOND", "9"));

    assertThat(c.http().rateLimit()).isEqualTo(new RateLimitConfig(5, 7, 9, 5000));
    assertThatThrownBy(() -> load(file, Map.of("HERALD_HTTP_RATE_LIMIT_BURST", "0")))
        .hasMessageContaining("http.rateLimit.burst");
  }

  @Test
  void quoted_and_flow_style_values_mean_the_same_as_plain_ones() throws Exception {
    HeraldConfig c =
        load(yaml("http: {port: \"9090\"}", "policy: {blockedRegions: \"RU, BY, KP\"}"), Map.of());

    assertThat(c.http().port()).isEqualTo(9090);
    assertThat(c.policy().blockedRegions()).containsExactly("RU", "BY", "KP");
  }

  @Test
  void an_empty_list_blocks_no_region() throws Exception {
    assertThat(load(yaml("policy:", "  blockedRegions: []"), Map.of()).policy().blockedRegions())
        .isEmpty();
  }

  // --- environment ------------------------------------------------------------------------

  @Test
  void environment_overrides_the_file_key_by_key() throws Exception {
    Path file = yaml("http:", "  host: 127.0.0.1", "  port: 9000");

    HeraldConfig c =
        load(
            file,
            Map.of(
                "HERALD_HTTP_PORT", "9100",
                "HERALD_IMPORT_MAX_FILE_BYTES", "1GiB",
                "HERALD_REDIS_URI", "rediss://user:secret@redis.example:6380/1"));

    assertThat(c.http().host()).isEqualTo("127.0.0.1");
    assertThat(c.http().port()).isEqualTo(9100);
    assertThat(c.imports().maxFileBytes()).isEqualTo(1L << 30);
    assertThat(c.redis().uri()).contains(URI.create("rediss://user:secret@redis.example:6380/1"));
  }

  @Test
  void a_list_from_the_environment_is_comma_separated_and_upper_cased() throws Exception {
    HeraldConfig c = loadEnv(Map.of("HERALD_POLICY_BLOCKED_REGIONS", "ru, by,KP,RU"));

    assertThat(c.policy().blockedRegions()).containsExactly("RU", "BY", "KP");
  }

  @Test
  void an_empty_list_variable_clears_the_list() throws Exception {
    HeraldConfig c =
        load(
            yaml("policy:", "  blockedRegions: [RU]"), Map.of("HERALD_POLICY_BLOCKED_REGIONS", ""));

    assertThat(c.policy().blockedRegions()).isEmpty();
  }

  @Test
  void herald_variables_that_are_not_keys_are_ignored() throws Exception {
    HeraldConfig c =
        loadEnv(
            Map.of(
                "HERALD_URL", "http://localhost:8080",
                "HERALD_API_KEY", "k",
                "HERALD_ADMIN_TOKEN", "t",
                "PATH", "/usr/bin"));

    assertThat(c).isEqualTo(HeraldConfig.defaults());
  }

  @Test
  void environment_variable_names_follow_the_key_paths() {
    assertThat(ConfigSchema.HTTP_PORT.envName()).isEqualTo("HERALD_HTTP_PORT");
    assertThat(ConfigSchema.POLICY_BLOCKED_REGIONS.envName())
        .isEqualTo("HERALD_POLICY_BLOCKED_REGIONS");
    assertThat(ConfigSchema.IMPORT_MAX_FILE_BYTES.envName())
        .isEqualTo("HERALD_IMPORT_MAX_FILE_BYTES");
    assertThat(ConfigSchema.REDIS_URI.envName()).isEqualTo("HERALD_REDIS_URI");
    assertThat(ConfigSchema.KEYS.stream().map(ConfigKey::envName).distinct())
        .hasSameSizeAs(ConfigSchema.KEYS);
  }

  // --- unknown keys -----------------------------------------------------------------------

  @Test
  void an_unknown_key_names_the_key_the_line_and_the_known_keys() throws Exception {
    Path file = yaml("http:", "  host: 0.0.0.0", "  prot: 8080");

    assertThatThrownBy(() -> load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "unknown configuration key \"http.prot\" in "
                + file
                + " line 3 (known keys under http: host, port, maxUploadBytes, rateLimit, signIn)");
  }

  @Test
  void an_unknown_section_lists_the_known_sections() throws Exception {
    Path file = yaml("smtp:", "  port: 25");

    assertThatThrownBy(() -> load(file, Map.of()))
        .hasMessage(
            "unknown configuration key \"smtp\" in "
                + file
                + " line 1 (known sections: http, data, redis, policy, import, delivery, tracking, canary, relay, webhooks, metrics, sms, viber)");
  }

  @Test
  void a_near_miss_gets_a_suggestion() throws Exception {
    Path file = yaml("http:", "  max_upload_bytes: 1MiB");

    assertThatThrownBy(() -> load(file, Map.of()))
        .hasMessageContaining("unknown configuration key \"http.max_upload_bytes\"")
        .hasMessageEndingWith("did you mean \"http.maxUploadBytes\"?)");
  }

  @Test
  void a_key_set_twice_is_an_error_not_a_silent_choice() throws Exception {
    Path file = yaml("http:", "  port: 1", "  port: 2");

    assertThatThrownBy(() -> load(file, Map.of()))
        .hasMessage("duplicate configuration key \"http.port\" in " + file + " line 3");
  }

  // --- bad values -------------------------------------------------------------------------

  @Test
  void a_bad_value_in_the_file_names_the_key_the_expectation_and_the_line() throws Exception {
    Path file = yaml("# ports", "http:", "  port: abc");

    assertThatThrownBy(() -> load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "http.port: expected an integer 0..65535, got \"abc\" (from " + file + " line 3)");
  }

  @Test
  void a_bad_value_in_the_environment_names_the_variable() {
    assertThatThrownBy(() -> loadEnv(Map.of("HERALD_HTTP_PORT", "abc")))
        .hasMessage("http.port: expected an integer 0..65535, got \"abc\" (from HERALD_HTTP_PORT)");
  }

  @Test
  void values_out_of_range_are_rejected() {
    assertThatThrownBy(() -> loadEnv(Map.of("HERALD_HTTP_PORT", "65536")))
        .hasMessageStartingWith("http.port: expected an integer 0..65535, got \"65536\"");
    assertThatThrownBy(() -> loadEnv(Map.of("HERALD_HTTP_PORT", "-1")))
        .hasMessageStartingWith("http.port:");
    assertThatThrownBy(() -> loadEnv(Map.of("HERALD_IMPORT_MAX_ROWS", "0")))
        .hasMessage(
            "import.maxRows: expected a positive integer, got \"0\" (from HERALD_IMPORT_MAX_ROWS)");
    assertThatThrownBy(() -> loadEnv(Map.of("HERALD_IMPORT_MAX_CELL_CHARS", "3000000000")))
        .hasMessageStartingWith("import.maxCellChars: expected a positive integer");
    assertThatThrownBy(() -> loadEnv(Map.of("HERALD_HTTP_MAX_UPLOAD_BYTES", "0")))
        .hasMessageStartingWith("http.maxUploadBytes: expected a positive size");
    assertThatThrownBy(() -> loadEnv(Map.of("HERALD_IMPORT_MAX_FILE_BYTES", "-5MiB")))
        .hasMessageStartingWith("import.maxFileBytes: expected a positive size");
  }

  @Test
  void regions_must_be_two_letters() {
    assertThatThrownBy(() -> loadEnv(Map.of("HERALD_POLICY_BLOCKED_REGIONS", "RU,RUS")))
        .hasMessage(
            "policy.blockedRegions: expected a list of 2-letter ISO 3166-1 region codes such as"
                + " RU, BY, got \"RUS\" (from HERALD_POLICY_BLOCKED_REGIONS)");
    assertThatThrownBy(() -> loadEnv(Map.of("HERALD_POLICY_BLOCKED_REGIONS", "RU,,BY")))
        .hasMessageContaining("got \"RU,,BY\"");
    assertThatThrownBy(() -> loadEnv(Map.of("HERALD_IMPORT_DEFAULT_REGION", "1A")))
        .hasMessageStartingWith("import.defaultRegion: expected a 2-letter ISO 3166-1 region code");
  }

  @Test
  void the_fallback_charset_must_be_one_java_supports() {
    assertThatThrownBy(() -> loadEnv(Map.of("HERALD_IMPORT_FALLBACK_CHARSET", "klingon-8")))
        .hasMessageStartingWith(
            "import.fallbackCharset: expected a charset name Java supports, such as windows-1251,"
                + " got \"klingon-8\"");
    assertThatThrownBy(() -> loadEnv(Map.of("HERALD_IMPORT_FALLBACK_CHARSET", "no spaces!")))
        .hasMessageStartingWith("import.fallbackCharset:");
  }

  @Test
  void an_empty_value_is_an_error_for_keys_that_need_one() throws Exception {
    Path file = yaml("http:", "  port:");

    assertThatThrownBy(() -> load(file, Map.of()))
        .hasMessage(
            "http.port: expected an integer 0..65535, got an empty value (from "
                + file
                + " line 2)");
    assertThatThrownBy(() -> loadEnv(Map.of("HERALD_IMPORT_CONSENT_STATEMENT", "  ")))
        .hasMessageStartingWith("import.consentStatement: expected a non-empty sentence");
  }

  @Test
  void an_empty_redis_uri_means_the_embedded_server() throws Exception {
    Path file = yaml("redis:", "  uri: redis://elsewhere:6379");

    assertThat(load(file, Map.of("HERALD_REDIS_URI", "")).redis().uri()).isEmpty();
    assertThat(load(yaml("redis:", "  uri:"), Map.of()).redis().uri()).isEmpty();
  }

  @Test
  void the_embedded_servers_fsync_is_everysec_unless_always_is_asked_for() throws Exception {
    assertThat(loadEnv(Map.of()).redis().embeddedFsync()).isEqualTo("everysec");
    assertThat(loadEnv(Map.of("HERALD_REDIS_EMBEDDED_FSYNC", "always")).redis().embeddedFsync())
        .isEqualTo("always");
    assertThatThrownBy(() -> loadEnv(Map.of("HERALD_REDIS_EMBEDDED_FSYNC", "never")))
        .hasMessageStartingWith("redis.embeddedFsync: expected everysec or always");
  }

  @Test
  void a_bad_redis_uri_is_reported_without_its_password() {
    assertThatThrownBy(() -> loadEnv(Map.of("HERALD_REDIS_URI", "http://admin:hunter2@redis:80")))
        .hasMessageStartingWith("redis.uri: expected a redis://")
        .hasMessageContaining("got \"http://***@redis:80\"")
        .message()
        .doesNotContain("hunter2");
  }

  @Test
  void a_list_where_a_scalar_is_expected_and_a_section_given_a_value_are_rejected()
      throws Exception {
    Path list = yaml("http:", "  port: [80, 443]");
    assertThatThrownBy(() -> load(list, Map.of()))
        .hasMessage(
            "http.port: expected an integer 0..65535, got a list (from " + list + " line 2)");

    Path mapping = yaml("http:", "  port:", "    value: 80");
    assertThatThrownBy(() -> load(mapping, Map.of()))
        .hasMessageStartingWith("http.port: expected an integer 0..65535, got a mapping");

    Path scalarSection = yaml("http: 8080");
    assertThatThrownBy(() -> load(scalarSection, Map.of()))
        .hasMessage(
            "http: expected a section with keys host, port, maxUploadBytes, rateLimit, signIn, got \"8080\" (from "
                + scalarSection
                + " line 1)");
  }

  @Test
  void a_bad_value_in_the_file_fails_even_if_the_environment_would_override_it() throws Exception {
    Path file = yaml("http:", "  port: abc");

    assertThatThrownBy(() -> load(file, Map.of("HERALD_HTTP_PORT", "8080")))
        .hasMessageContaining("(from " + file + " line 2)");
  }

  @Test
  void error_messages_stay_on_one_line() {
    assertThatThrownBy(() -> loadEnv(Map.of("HERALD_HTTP_HOST", "a\nb")))
        .hasMessage(
            "http.host: expected a host name or IP address, got \"a\\nb\" (from HERALD_HTTP_HOST)");
  }

  // --- the file itself --------------------------------------------------------------------

  @Test
  void a_missing_file_is_reported_by_name() {
    Path missing = dir.resolve("nope.yml");

    assertThatThrownBy(() -> load(missing, Map.of()))
        .hasMessage("configuration file " + missing + " not found");
  }

  @Test
  void a_directory_is_not_a_file() {
    assertThatThrownBy(() -> load(dir, Map.of())).hasMessageContaining("is a directory");
  }

  @Test
  void a_file_that_is_not_a_mapping_is_rejected() throws Exception {
    Path file = yaml("- http", "- port");

    assertThatThrownBy(() -> load(file, Map.of()))
        .hasMessage(
            "configuration file "
                + file
                + " must be a mapping of sections (http, data, redis, policy, import, delivery, tracking, canary, relay, webhooks, metrics, sms, viber), got a list"
                + " at "
                + file
                + " line 1");
    assertThatThrownBy(() -> load(yaml("just text"), Map.of()))
        .hasMessageContaining("must be a mapping of sections");
  }

  @Test
  void malformed_yaml_names_the_file_and_position() throws Exception {
    Path file = yaml("http:", "  port: 80: 80");

    assertThatThrownBy(() -> load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("cannot parse " + file + " line 2 column")
        .message()
        .doesNotContain("\n");
  }

  @Test
  void a_file_that_is_not_utf8_is_reported_as_such() throws Exception {
    Path file = dir.resolve("latin1.yml");
    Files.write(file, new byte[] {'h', 't', 't', 'p', ':', ' ', (byte) 0xff, (byte) 0xfe, '\n'});

    assertThatThrownBy(() -> load(file, Map.of()))
        .hasMessage(
            "cannot read configuration file " + file + ": not UTF-8 (or UTF-16/32 with a BOM)");
  }

  @Test
  void yaml_1_2_keeps_norway_a_region_not_a_boolean() throws Exception {
    assertThat(load(yaml("import:", "  defaultRegion: NO"), Map.of()).imports().defaultRegion())
        .isEqualTo("NO");
  }

  @Test
  void the_loaded_configuration_is_immutable() throws Exception {
    List<String> regions = loadEnv(Map.of()).policy().blockedRegions();

    assertThatThrownBy(() -> regions.add("KP")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void delivery_and_tracking_keys_come_from_the_environment() throws Exception {
    HeraldConfig config =
        loadEnv(
            Map.of(
                "HERALD_DELIVERY_SMTP_HOST", "smtp.example.net",
                "HERALD_DELIVERY_SMTP_PORT", "587",
                "HERALD_DELIVERY_SMTP_TLS", "STARTTLS",
                "HERALD_DELIVERY_RETRY_MAX_AGE", "36h",
                "HERALD_DELIVERY_MX_OVERRIDES", "example.com=127.0.0.1:2525",
                "HERALD_TRACKING_BASE_URL", "https://t.example.com/"));

    assertThat(config.delivery().smtpHost()).contains("smtp.example.net");
    assertThat(config.delivery().smtpPort()).isEqualTo(587);
    assertThat(config.delivery().smtpTls()).isEqualTo("starttls");
    assertThat(config.delivery().retryMaxAge()).isEqualTo(java.time.Duration.ofHours(36));
    assertThat(config.delivery().mxOverrides()).containsExactly("example.com=127.0.0.1:2525");
    assertThat(config.tracking().baseUrl()).hasToString("https://t.example.com");
  }

  @Test
  void the_relays_abuse_limits_have_defaults_and_come_from_the_environment() throws Exception {
    RelayAbuseLimits defaults = loadEnv(Map.of()).relay().abuse();
    assertThat(defaults.maxConnections()).isEqualTo(1000);
    assertThat(defaults.maxConnectionsPerNetwork()).isEqualTo(100);
    assertThat(defaults.connectionReserve()).isEqualTo(100);
    assertThat(defaults.minDataRate()).isEqualTo(100);
    assertThat(defaults.dataRateInterval()).isEqualTo(java.time.Duration.ofSeconds(30));
    assertThat(defaults.maxSessionTime()).isEqualTo(java.time.Duration.ofMinutes(10));
    assertThat(defaults.idleTimeout()).isEqualTo(java.time.Duration.ofMinutes(5));
    assertThat(defaults.authFailureDelay()).isEqualTo(java.time.Duration.ofSeconds(1));
    assertThat(defaults.maxAuthFailures()).isEqualTo(10);
    assertThat(defaults.authFailureWindow()).isEqualTo(java.time.Duration.ofMinutes(15));

    RelayAbuseLimits set =
        loadEnv(
                Map.of(
                    "HERALD_RELAY_MAX_CONNECTIONS", "5000",
                    "HERALD_RELAY_MIN_DATA_RATE", "0",
                    "HERALD_RELAY_MAX_SESSION_TIME", "1h",
                    "HERALD_RELAY_IDLE_TIMEOUT", "10m",
                    "HERALD_RELAY_AUTH_FAILURE_WINDOW", "1h"))
            .relay()
            .abuse();
    assertThat(set.maxConnections()).isEqualTo(5000);
    assertThat(set.minDataRate()).isZero();
    assertThat(set.maxSessionTime()).isEqualTo(java.time.Duration.ofHours(1));
    assertThat(set.idleTimeout()).isEqualTo(java.time.Duration.ofMinutes(10));
    assertThat(set.authFailureWindow()).isEqualTo(java.time.Duration.ofHours(1));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> loadEnv(Map.of("HERALD_RELAY_MAX_SESSION_TIME", "0s")))
        .hasMessageContaining("relay.maxSessionTime");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> loadEnv(Map.of("HERALD_RELAY_IDLE_TIMEOUT", "0s")))
        .hasMessageContaining("relay.idleTimeout");
  }

  @Test
  void bad_delivery_values_name_their_key() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> loadEnv(Map.of("HERALD_DELIVERY_RATE", "fast")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("delivery.rate");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> loadEnv(Map.of("HERALD_DELIVERY_SMTP_TLS", "ssl3")))
        .hasMessageContaining("delivery.smtp.tls");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> loadEnv(Map.of("HERALD_TRACKING_BASE_URL", "ftp://x")))
        .hasMessageContaining("tracking.baseUrl");
  }

  @Test
  void domain_limits_and_dkim_keys_are_lists_of_checked_entries() throws Exception {
    HeraldConfig config =
        loadEnv(
            Map.of(
                "HERALD_DELIVERY_DOMAIN_LIMITS", "gmail.com=10:300/s,small.example=1:20/min",
                "HERALD_DELIVERY_DKIM_KEYS", "example.com=s2026:/etc/herald/example.com.pem"));

    assertThat(config.delivery().domainLimits())
        .containsExactly("gmail.com=10:300/s", "small.example=1:20/min");
    assertThat(config.delivery().dkimKeys())
        .containsExactly("example.com=s2026:/etc/herald/example.com.pem");
    assertThatThrownBy(() -> loadEnv(Map.of("HERALD_DELIVERY_DOMAIN_LIMITS", "gmail.com=fast")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("delivery.domainLimits");
    assertThatThrownBy(() -> loadEnv(Map.of("HERALD_DELIVERY_DKIM_KEYS", "example.com=/key.pem")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("delivery.dkimKeys");
  }
}
