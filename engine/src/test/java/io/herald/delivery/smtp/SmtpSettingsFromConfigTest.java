package io.herald.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.ConfigLoader;
import io.herald.config.HeraldConfig;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code delivery.domainLimits} replaces the per-domain defaults for the domains it names. */
class SmtpSettingsFromConfigTest {
  @Test
  void aDomainWithAnEntryGetsItsOwnLimitsAndOthersTheDefaults() throws Exception {
    HeraldConfig config =
        ConfigLoader.load(
            Optional.empty(),
            Map.of(
                "HERALD_DELIVERY_RATE", "50/s",
                "HERALD_DELIVERY_MAX_CONNECTIONS_PER_DOMAIN", "4",
                "HERALD_DELIVERY_DOMAIN_LIMITS", "Gmail.com=10:300/s,tiny.example=1:20/min"));

    SmtpSettings settings = SmtpSettingsFromConfig.of(config.delivery());

    assertThat(settings.limitsFor("gmail.com"))
        .isEqualTo(new DestinationLimits(10, ThrottleSpec.parse("300/s")));
    assertThat(settings.limitsFor("tiny.example"))
        .isEqualTo(new DestinationLimits(1, ThrottleSpec.parse("20/min")));
    assertThat(settings.limitsFor("example.org"))
        .isEqualTo(new DestinationLimits(4, ThrottleSpec.parse("50/s")));
  }
}
