package io.herald.channel.sms;

import java.time.Instant;
import java.util.Objects;

/**
 * A message a phone sent to one of Herald's sender IDs or numbers: from the phone (E.164), to the
 * address it answered (an alphanumeric sender ID or a number, as the SMSC gives it), the text
 * (decoded), and when Herald received it.
 */
public record MobileReply(String from, String to, String text, Instant at) {
  public MobileReply {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(at, "at");
  }
}
