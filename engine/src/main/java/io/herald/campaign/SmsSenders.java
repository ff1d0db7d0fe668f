package io.herald.campaign;

import io.herald.channel.sms.SenderId;
import java.util.Optional;

/** What is wrong with an SMS sender ID, if anything (the rules are {@link SenderId}'s). */
final class SmsSenders {
  private SmsSenders() {}

  static Optional<String> problem(String value) {
    try {
      SenderId.parse(value);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }
}
