package io.herald.campaign;

import java.util.Locale;
import java.util.Optional;

/**
 * How a campaign reaches its recipients (R1). The queue, ledger, canary, statistics and suppression
 * are the same for every channel; a channel differs only in how a message is rendered, sent and
 * reported back, and in which contact field addresses it (email or phone). Viber falls back to SMS
 * for recipients it cannot reach.
 */
public enum Channel {
  EMAIL,
  SMS,
  VIBER;

  /** The name used in the API, the CLI and Redis: {@code email}, {@code sms}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The channel named {@code name} (any case), if there is one. */
  public static Optional<Channel> ofWireName(String name) {
    for (Channel c : values()) {
      if (c.wireName().equalsIgnoreCase(name.strip())) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
