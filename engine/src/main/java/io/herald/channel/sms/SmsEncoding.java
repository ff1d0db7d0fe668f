package io.herald.channel.sms;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a final SMS text for SMPP (R1). GSM-7 when every character is in the GSM 03.38 default
 * alphabet or its extension table, otherwise UCS-2 (UTF-16BE) for the whole text. A text that fits
 * one SMS (160 GSM-7 / 70 UCS-2 units) goes as one {@code short_message}; a longer one is split
 * into parts of at most 153 / 67 units, each starting with a concatenation user data header ({@code
 * 05 00 03 ref total seq}). GSM-7 is carried unpacked, one septet value per octet, as SMPP expects
 * with {@code data_coding} 0; the SMSC packs it (and adds the fill bit after the header).
 */
public final class SmsEncoding {
  /**
   * The most parts one text may have. Each part is billed as one SMS, handsets and SMSCs reassemble
   * long chains unreliably, and large aggregators cap a message at about ten segments (1530 GSM-7 /
   * 670 UCS-2 units); a longer text is nearly always a mistake (a pasted document) that would
   * multiply a campaign's cost by every recipient.
   */
  public static final int MAX_PARTS = 10;

  private SmsEncoding() {}

  /**
   * The text as {@code short_message}s; {@code reference} (only its low 8 bits) ties the parts of a
   * multi-part text together on the handset, so the caller draws it at random per message.
   *
   * @throws SmsTextRefused when the text is empty, longer than {@link #MAX_PARTS} parts, or has a
   *     lone surrogate
   */
  public static EncodedSms encode(String text, int reference) throws SmsTextRefused {
    return encode(SmsLayout.of(text), text, reference);
  }

  static EncodedSms encode(SmsLayout layout, String text, int reference) {
    int total = layout.segments().size();
    List<EncodedSms.Part> parts = new ArrayList<>(total);
    for (int seq = 1; seq <= total; seq++) {
      SmsLayout.Segment segment = layout.segments().get(seq - 1);
      ByteArrayOutputStream out = new ByteArrayOutputStream(6 + 2 * segment.units());
      if (total > 1) {
        out.writeBytes(new Concatenation(reference & 0xFF, total, seq).udh());
      }
      String piece = text.substring(segment.start(), segment.end());
      switch (layout.alphabet()) {
        case GSM7 -> writeSeptets(out, piece);
        case UCS2 -> out.writeBytes(piece.getBytes(StandardCharsets.UTF_16BE));
      }
      parts.add(new EncodedSms.Part(out.toByteArray(), total > 1));
    }
    return new EncodedSms(layout.alphabet(), layout.units(), parts);
  }

  private static void writeSeptets(ByteArrayOutputStream out, String piece) {
    for (int i = 0; i < piece.length(); i++) {
      char c = piece.charAt(i);
      if (GsmAlphabet.isExtension(c)) {
        out.write(GsmAlphabet.ESCAPE);
      }
      out.write(GsmAlphabet.septet(c));
    }
  }
}
