package io.herald.channel.sms;

import java.util.Objects;

/**
 * One recipient's finished SMS: the final text (personalised, links shortened, opt-out line
 * appended), the same text encoded into {@code short_message} parts, and its preview (encoding,
 * characters, parts), which statistics and quotas count parts from.
 */
public record ComposedSms(String text, EncodedSms encoded, SmsPreview preview) {
  public ComposedSms {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(encoded, "encoded");
    Objects.requireNonNull(preview, "preview");
  }
}
