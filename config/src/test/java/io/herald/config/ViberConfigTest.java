package io.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code viber} section, from the environment as an operator would set it. */
class ViberConfigTest {
  private static final Map<String, String> ENABLED =
      Map.of(
          "HERALD_VIBER_ENABLED", "true",
          "HERALD_VIBER_API_KEY", "abcd1234",
          "HERALD_VIBER_API_SECRET", "api-s3cret",
          "HERALD_VIBER_SIGNATURE_SECRET", "sig-s3cret-of-32-characters-xxxx");

  private static ViberConfig load(Map<String, String> env) throws ConfigException {
    return ConfigLoader.load(Optional.empty(), env).viber();
  }

  private static Map<String, String> with(String name, String value) {
    Map<String, String> env = new HashMap<>(ENABLED);
    env.put(name, value);
    return env;
  }

  @Test
  void by_default_viber_is_off_with_the_documented_settings() throws Exception {
    ViberConfig viber = load(Map.of());

    assertThat(viber.enabled()).isFalse();
    assertThat(viber.baseUrl()).isEqualTo(URI.create("https://api.nexmo.com"));
    assertThat(viber.callbackUrl()).isEqualTo(URI.create("http://localhost:8080/viber/reports"));
    assertThat(viber.pollInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(viber.pollLookback()).isEqualTo(Duration.ofHours(73));
    assertThat(viber.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(viber.callbackMaxAge()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void every_key_comes_from_its_environment_variable() throws Exception {
    Map<String, String> env = new HashMap<>(ENABLED);
    env.put("HERALD_VIBER_BASE_URL", "http://127.0.0.1:9000/");
    env.put("HERALD_VIBER_CALLBACK_URL", "https://herald.example/viber/reports");
    env.put("HERALD_VIBER_POLL_INTERVAL", "30s");
    env.put("HERALD_VIBER_POLL_LOOKBACK", "80h");
    env.put("HERALD_VIBER_REQUEST_TIMEOUT", "2s");
    env.put("HERALD_VIBER_CALLBACK_MAX_AGE", "10m");
    ViberConfig viber = load(env);

    assertThat(viber.enabled()).isTrue();
    assertThat(viber.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:9000"));
    assertThat(viber.apiKey()).isEqualTo("abcd1234");
    assertThat(viber.apiSecret()).isEqualTo("api-s3cret");
    assertThat(viber.signatureSecret()).isEqualTo("sig-s3cret-of-32-characters-xxxx");
    assertThat(viber.callbackUrl()).isEqualTo(URI.create("https://herald.example/viber/reports"));
    assertThat(viber.pollInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(viber.pollLookback()).isEqualTo(Duration.ofHours(80));
    assertThat(viber.requestTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(viber.callbackMaxAge()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void the_callback_url_follows_the_public_base_url_unless_set() throws Exception {
    assertThat(load(with("HERALD_TRACKING_BASE_URL", "https://go.example")).callbackUrl())
        .isEqualTo(URI.create("https://go.example/viber/reports"));
  }

  @Test
  void enabled_without_credentials_or_a_signature_secret_stops_start_up() {
    assertThatThrownBy(() -> load(with("HERALD_VIBER_API_KEY", "")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("viber.enabled is true but viber.apiKey or viber.apiSecret is empty");
    assertThatThrownBy(() -> load(with("HERALD_VIBER_SIGNATURE_SECRET", "short")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "viber.enabled is true but viber.signatureSecret is shorter than 16 characters");
  }

  @Test
  void a_bad_callback_url_is_named() {
    assertThatThrownBy(() -> load(with("HERALD_VIBER_CALLBACK_URL", "ftp://x")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("viber.callbackUrl: expected an absolute http(s) URL, got \"ftp://x\"");
  }

  @Test
  void the_secrets_never_reach_a_log() throws Exception {
    assertThat(load(ENABLED).toString())
        .doesNotContain("api-s3cret")
        .doesNotContain("sig-s3cret")
        .contains("abcd1234");
  }
}
