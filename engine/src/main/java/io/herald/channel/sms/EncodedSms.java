package io.herald.channel.sms;

import java.util.List;
import java.util.Objects;

/**
 * A text encoded for SMPP: its alphabet (GSM 03.38 7-bit, one septet per octet as SMPP carries it,
 * or UCS-2), its length in the alphabet's units (an extension character counts two GSM-7 units; a
 * character outside the BMP two UCS-2 units), and its parts, each the {@code short_message} bytes
 * of one {@code submit_sm} (with a concatenation UDH when there are several parts).
 */
public record EncodedSms(Alphabet alphabet, int units, List<Part> parts) {
  /** The text's alphabet, and its SMPP {@code data_coding}. */
  public enum Alphabet {
    GSM7((byte) 0x00, 160, 153),
    UCS2((byte) 0x08, 70, 67);

    private final byte dataCoding;
    private final int single;
    private final int perPart;

    Alphabet(byte dataCoding, int single, int perPart) {
      this.dataCoding = dataCoding;
      this.single = single;
      this.perPart = perPart;
    }

    public byte dataCoding() {
      return dataCoding;
    }

    /** Units that fit in one SMS. */
    public int single() {
      return single;
    }

    /** Units that fit in one part of a longer, concatenated SMS. */
    public int perPart() {
      return perPart;
    }
  }

  /**
   * One {@code submit_sm}'s {@code short_message}; {@code udh} is true when it starts with a user
   * data header (the {@code esm_class} then has UDHI set).
   */
  public record Part(byte[] shortMessage, boolean udh) {
    public Part {
      Objects.requireNonNull(shortMessage, "shortMessage");
    }
  }

  public EncodedSms {
    Objects.requireNonNull(alphabet, "alphabet");
    parts = List.copyOf(parts);
  }
}
