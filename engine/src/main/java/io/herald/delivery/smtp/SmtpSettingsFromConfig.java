package io.herald.delivery.smtp;

import io.herald.config.DeliveryConfig;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Builds the SMTP transport's settings from the {@code delivery.*} configuration keys. */
public final class SmtpSettingsFromConfig {
  private SmtpSettingsFromConfig() {}

  public static SmtpSettings of(DeliveryConfig config) {
    DestinationLimits limits =
        new DestinationLimits(config.maxConnectionsPerDomain(), ThrottleSpec.parse(config.rate()));
    SmtpSettings settings;
    if (config.smtpHost().isPresent()) {
      Optional<SmtpSettings.Credentials> credentials =
          config
              .smtpUsername()
              .map(u -> new SmtpSettings.Credentials(u, config.smtpPassword().orElse("")));
      settings =
          SmtpSettings.smarthost(
              new SmtpSettings.Route.Smarthost(
                  new HostPort(config.smtpHost().get(), config.smtpPort()),
                  TlsMode.valueOf(config.smtpTls().toUpperCase(java.util.Locale.ROOT)),
                  credentials,
                  false,
                  config.smtpMaxConnections()));
    } else {
      Map<String, HostPort> overrides = new HashMap<>();
      for (String pair : config.mxOverrides()) {
        int eq = pair.indexOf('=');
        overrides.put(pair.substring(0, eq), HostPort.parse(pair.substring(eq + 1)));
      }
      settings = SmtpSettings.directMx(overrides);
    }
    return settings.withLimits(limits, domainLimits(config)).withHelo(heloName());
  }

  /** {@code domain=connections:rate} entries (checked by the configuration schema). */
  static Map<String, DestinationLimits> domainLimits(DeliveryConfig config) {
    Map<String, DestinationLimits> byDomain = new HashMap<>();
    for (String entry : config.domainLimits()) {
      int eq = entry.indexOf('=');
      int colon = entry.indexOf(':', eq);
      byDomain.put(
          entry.substring(0, eq),
          new DestinationLimits(
              Integer.parseInt(entry.substring(eq + 1, colon)),
              ThrottleSpec.parse(entry.substring(colon + 1))));
    }
    return byDomain;
  }

  private static String heloName() {
    try {
      return InetAddress.getLocalHost().getCanonicalHostName();
    } catch (java.io.IOException e) {
      return "localhost";
    }
  }
}
