package io.herald.channel.viber;

import io.herald.channel.sms.SmsPreview;
import java.util.Objects;
import java.util.Optional;

/**
 * What one phone would get from a Viber campaign, as the API shows it before sending (plain values
 * and records, for JSON): the sender name, the shape ({@code text}, {@code text+button}, {@code
 * text+image+button}), the final text with its unsubscribe line, how many of Viber's {@code
 * maxCharacters} it uses, the image, the button (its caption, the campaign's URL, and the tracked
 * link the message carries instead), and — when the campaign falls back to SMS — that SMS with its
 * encoding and parts. Links are placeholders of the real links' length: a preview mints no code.
 */
public record ViberPreview(
    String to,
    String sender,
    String shape,
    String text,
    int characters,
    int maxCharacters,
    Optional<String> imageUrl,
    Optional<Button> button,
    Optional<SmsFallback> fallback) {

  public ViberPreview {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(imageUrl, "imageUrl");
    Objects.requireNonNull(button, "button");
    Objects.requireNonNull(fallback, "fallback");
  }

  /** The button: its caption, where it leads ({@code url}), and the tracked link it opens. */
  public record Button(String caption, String url, String trackedUrl) {}

  /** The SMS sent instead when Viber cannot deliver: its sender ID, text and cost. */
  public record SmsFallback(String from, String text, SmsPreview sms) {}
}
