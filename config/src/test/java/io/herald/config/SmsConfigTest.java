package io.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code sms} section, and lists of records ({@code sms.smsc}) in the file and the environment.
 */
class SmsConfigTest {

  @TempDir Path dir;

  private Path yaml(String... lines) throws IOException {
    Path file = dir.resolve("herald.yml");
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  private static SmsConfig load(Path file) throws ConfigException {
    return ConfigLoader.load(Optional.of(file), Map.of()).sms();
  }

  private static SmsConfig loadEnv(Map<String, String> env) throws ConfigException {
    return ConfigLoader.load(Optional.empty(), env).sms();
  }

  @Test
  void by_default_sms_is_off_with_the_documented_settings() throws Exception {
    SmsConfig sms = loadEnv(Map.of());

    assertThat(sms.enabled()).isFalse();
    assertThat(sms.smsc()).isEmpty();
    assertThat(sms.receiptTimeout()).isEqualTo(Duration.ofHours(72));
    assertThat(sms.undeliverableLimit()).isEqualTo(2);
    assertThat(sms.quietHoursStart()).isEqualTo(LocalTime.of(21, 0));
    assertThat(sms.quietHoursEnd()).isEqualTo(LocalTime.of(9, 0));
    assertThat(sms.validity()).isEmpty();
  }

  @Test
  void connections_are_a_list_of_mappings_with_defaults_for_the_fields_left_out() throws Exception {
    Path file =
        yaml(
            "sms:",
            "  enabled: true",
            "  smsc:",
            "    - name: main",
            "      host: smsc.example",
            "      systemId: herald",
            "      password: s3cret",
            "    - {name: backup, host: 10.0.0.2, port: 3550, systemId: h2, tls: true,",
            "       window: 20, submitsPerSecond: 200, enquireLinkEvery: 10s,",
            "       reconnectMinBackoff: 2s, reconnectMaxBackoff: 5m, systemType: VMA}",
            "  validity: 48h",
            "  quietHours: {start: '22:30', end: '08:00'}");

    SmsConfig sms = load(file);

    assertThat(sms.enabled()).isTrue();
    assertThat(sms.smsc())
        .containsExactly(
            SmscConfig.of("main", "smsc.example", 2775, "herald", "s3cret"),
            new SmscConfig(
                "backup",
                "10.0.0.2",
                3550,
                "h2",
                "",
                "VMA",
                true,
                20,
                200,
                Duration.ofSeconds(10),
                Duration.ofSeconds(2),
                Duration.ofMinutes(5),
                Duration.ofSeconds(10),
                Duration.ofSeconds(10)));
    assertThat(sms.validity()).contains(Duration.ofHours(48));
    assertThat(sms.quietHoursStart()).isEqualTo(LocalTime.of(22, 30));
    assertThat(sms.quietHoursEnd()).isEqualTo(LocalTime.of(8, 0));
  }

  @Test
  void the_environment_replaces_the_whole_list_with_yaml_flow_text() throws Exception {
    SmsConfig sms =
        loadEnv(
            Map.of(
                "HERALD_SMS_ENABLED",
                "true",
                "HERALD_SMS_SMSC",
                "[{name: env, host: 127.0.0.1, port: 2776, systemId: e, password: pw}]"));

    assertThat(sms.smsc()).containsExactly(SmscConfig.of("env", "127.0.0.1", 2776, "e", "pw"));
    assertThat(loadEnv(Map.of("HERALD_SMS_SMSC", "")).smsc()).isEmpty();
  }

  @Test
  void a_bad_field_is_named_with_its_item_and_the_source() throws Exception {
    Path file =
        yaml(
            "sms:",
            "  smsc:",
            "    - {name: a, host: h, systemId: s}",
            "    - {name: b, host: h, systemId: s, port: http}");

    assertThatThrownBy(() -> load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "sms.smsc[1].port: expected an integer 0..65535, got \"http\" (from "
                + file
                + " line 2)");
  }

  @Test
  void an_unknown_field_a_missing_one_and_a_repeated_name_are_refused() throws Exception {
    assertThatThrownBy(() -> load(yaml("sms:", "  smsc:", "    - {name: a, host: h, sysId: s}")))
        .hasMessageStartingWith(
            "sms.smsc[0].sysId: expected one of the fields name, host, port, systemId, password,")
        .hasMessageContaining("got an unknown field");
    assertThatThrownBy(() -> load(yaml("sms:", "  smsc:", "    - {name: a, host: h}")))
        .hasMessageStartingWith(
            "sms.smsc[0].systemId: expected 1 to 15 characters, got nothing (the field is"
                + " required)");
    assertThatThrownBy(
            () ->
                load(
                    yaml(
                        "sms:",
                        "  smsc:",
                        "    - {name: a, host: h, systemId: s}",
                        "    - {name: a, host: g, systemId: s}")))
        .hasMessageStartingWith(
            "sms.smsc[1].name: expected a name no other item of the list has, got \"a\"");
  }

  @Test
  void a_password_never_appears_in_an_error_or_in_the_record_text() throws Exception {
    assertThatThrownBy(
            () ->
                load(
                    yaml(
                        "sms:",
                        "  smsc:",
                        "    - {name: a, host: h, systemId: s, password: toolongsecret}")))
        .hasMessageStartingWith(
            "sms.smsc[0].password: expected at most 8 characters, got a secret of 13 characters")
        .hasMessageNotContaining("toolongsecret");
    assertThatThrownBy(() -> loadEnv(Map.of("HERALD_SMS_SMSC", "[{name: a, password: hunter2, ")))
        .hasMessageContaining("got text that is not a YAML list of mappings")
        .hasMessageNotContaining("hunter2");
    assertThat(SmscConfig.of("a", "h", 1, "s", "hunter2").toString())
        .contains("password=***")
        .doesNotContain("hunter2");
  }

  @Test
  void settings_that_do_not_fit_together_stop_start_up() throws Exception {
    assertThatThrownBy(() -> loadEnv(Map.of("HERALD_SMS_ENABLED", "true")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("sms.enabled is true but sms.smsc lists no SMSC connection");
    assertThatThrownBy(
            () ->
                loadEnv(Map.of("HERALD_SMS_VALIDITY", "96h", "HERALD_SMS_RECEIPT_TIMEOUT", "72h")))
        .hasMessage("sms.receiptTimeout (PT72H) is shorter than sms.validity (PT96H)");
    assertThatThrownBy(
            () ->
                load(
                    yaml(
                        "sms:",
                        "  smsc:",
                        "    - {name: a, host: h, systemId: s, reconnectMinBackoff: 2m,"
                            + " reconnectMaxBackoff: 1m}")))
        .hasMessageStartingWith(
            "sms.smsc[0]: expected fields that fit together, got reconnectMinBackoff PT2M is"
                + " longer than reconnectMaxBackoff");
  }

  @Test
  void a_list_of_records_is_not_accepted_where_a_scalar_or_plain_list_is_expected()
      throws Exception {
    Path file = yaml("policy:", "  blockedRegions:", "    - {region: RU}");

    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
        .hasMessageStartingWith("policy.blockedRegions: expected")
        .hasMessageContaining("got a list of mappings");
    assertThatThrownBy(() -> load(yaml("sms:", "  smsc: [a, b]")))
        .hasMessageContaining("got a list of plain values");
    assertThatThrownBy(() -> load(yaml("sms:", "  quietHours:", "    start: 25:00")))
        .hasMessageStartingWith(
            "sms.quietHours.start: expected a time of day such as 21:00, got \"25:00\"");
  }
}
