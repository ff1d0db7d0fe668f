package io.herald.campaign;

import io.herald.channel.sms.SenderId;
import io.herald.channel.sms.SenderIdRefused;
import java.util.Optional;

/** What is wrong with an SMS sender ID, if anything (the rules are {@link SenderId}'s). */
final class SmsSenders {
  private SmsSenders() {}

  static Optional<String> problem(String value) {
    try {
      SenderId.parse(value);
      return Optional.empty();
    } catch (SenderIdRefused e) {
      return Optional.of(e.getMessage());
    }
  }
}
