package io.herald.channel.sms;

import java.util.ArrayList;
import java.util.List;

/**
 * How a text goes as SMS: its alphabet, its length in code points and in the alphabet's units, and
 * where its parts begin and end. Splitting walks whole characters (an extension character is one
 * {@code char} of two septets; a surrogate pair one code point of two UCS-2 units), so no part ever
 * ends inside an escape pair or a surrogate pair; such a part carries one unit fewer instead.
 */
record SmsLayout(EncodedSms.Alphabet alphabet, int characters, int units, List<Segment> segments) {

  /** Characters {@code [start, end)} of the text, worth {@code units} units. */
  record Segment(int start, int end, int units) {}

  SmsLayout {
    segments = List.copyOf(segments);
  }

  /** Units one part holds in this layout: a single SMS's, or a concatenated part's. */
  int unitsPerPart() {
    return segments.size() == 1 ? alphabet.single() : alphabet.perPart();
  }

  static SmsLayout of(String text) throws SmsTextRefused {
    if (text.isEmpty()) {
      throw new SmsTextRefused("the SMS text is empty");
    }
    checkSurrogates(text);
    EncodedSms.Alphabet alphabet =
        GsmAlphabet.containsAll(text) ? EncodedSms.Alphabet.GSM7 : EncodedSms.Alphabet.UCS2;
    int units = 0;
    for (int i = 0; i < text.length(); i++) {
      units += unitsAt(alphabet, text, i);
    }
    int limit = units <= alphabet.single() ? alphabet.single() : alphabet.perPart();
    List<Segment> segments = split(alphabet, text, limit);
    if (segments.size() > SmsEncoding.MAX_PARTS) {
      throw new SmsTextRefused(
          "the SMS text is too long: %d %s units make %d parts; at most %d parts (%d units) are sent"
              .formatted(
                  units,
                  SmsPreview.name(alphabet),
                  segments.size(),
                  SmsEncoding.MAX_PARTS,
                  SmsEncoding.MAX_PARTS * alphabet.perPart()));
    }
    return new SmsLayout(alphabet, text.codePointCount(0, text.length()), units, segments);
  }

  /**
   * Units the {@code char} at {@code i} adds: GSM-7 counts septets per character; UCS-2 counts
   * UTF-16 code units, so each half of a surrogate pair adds one.
   */
  private static int unitsAt(EncodedSms.Alphabet alphabet, String text, int i) {
    return switch (alphabet) {
      case GSM7 -> GsmAlphabet.units(text.charAt(i));
      case UCS2 -> 1;
    };
  }

  private static List<Segment> split(EncodedSms.Alphabet alphabet, String text, int limit) {
    List<Segment> segments = new ArrayList<>();
    int start = 0;
    int used = 0;
    int i = 0;
    while (i < text.length()) {
      int width = Character.isHighSurrogate(text.charAt(i)) ? 2 : 1;
      int cost = 0;
      for (int k = 0; k < width; k++) {
        cost += unitsAt(alphabet, text, i + k);
      }
      if (used + cost > limit) {
        segments.add(new Segment(start, i, used));
        start = i;
        used = 0;
      }
      used += cost;
      i += width;
    }
    segments.add(new Segment(start, text.length(), used));
    return segments;
  }

  /** A lone surrogate has no UCS-2 form; refusing it beats sending a replacement character. */
  private static void checkSurrogates(String text) throws SmsTextRefused {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new SmsTextRefused(
            "the SMS text has a broken character (a lone UTF-16 surrogate) at position " + (i + 1));
      }
    }
  }
}
