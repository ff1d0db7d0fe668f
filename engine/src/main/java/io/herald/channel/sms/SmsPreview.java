package io.herald.channel.sms;

/**
 * What a final SMS text costs, as the API and the CLI show it before sending: the encoding ({@code
 * GSM-7} or {@code UCS-2}), its characters (Unicode code points: an emoji is one), its units (an
 * extension character is two GSM-7 units, an emoji two UCS-2 units), the parts it goes in, the
 * units one part holds (160 / 70 for a single SMS, 153 / 67 once concatenated) and the units still
 * free in the last part. Made from the final text, opt-out line included, since that is what is
 * billed.
 */
public record SmsPreview(
    String encoding, int characters, int units, int parts, int unitsPerPart, int remaining) {

  /**
   * @throws SmsTextRefused when the text could not be sent: empty, longer than {@link
   *     SmsEncoding#MAX_PARTS} parts (the reason gives its length and parts), or broken
   */
  public static SmsPreview of(String text) throws SmsTextRefused {
    return of(SmsLayout.of(text));
  }

  static SmsPreview of(SmsLayout layout) {
    SmsLayout.Segment last = layout.segments().getLast();
    return new SmsPreview(
        name(layout.alphabet()),
        layout.characters(),
        layout.units(),
        layout.segments().size(),
        layout.unitsPerPart(),
        layout.unitsPerPart() - last.units());
  }

  static String name(EncodedSms.Alphabet alphabet) {
    return switch (alphabet) {
      case GSM7 -> "GSM-7";
      case UCS2 -> "UCS-2";
    };
  }
}
