package io.herald.message;

import java.util.HexFormat;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * The identity of a transactional message within its account: 16 lowercase hex digits, the same
 * form as a campaign id, so that the signed VERP return path and unsubscribe token carry it where a
 * campaign's would be (a late bounce or an unsubscribe finds the message and recipient).
 */
public record MessageId(String value) {
  private static final Pattern FORM = Pattern.compile("[0-9a-f]{16}");

  public MessageId {
    if (value == null || !FORM.matcher(value).matches()) {
      throw new IllegalArgumentException("not a message id: " + value);
    }
  }

  public static MessageId random(RandomGenerator random) {
    return new MessageId(HexFormat.of().toHexDigits(random.nextLong()));
  }

  /** The id a client sent, if it has the form of one (anything else is simply not found). */
  public static Optional<MessageId> parse(String text) {
    return text != null && FORM.matcher(text).matches()
        ? Optional.of(new MessageId(text))
        : Optional.empty();
  }

  @Override
  public String toString() {
    return value;
  }
}
