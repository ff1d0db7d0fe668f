package io.herald.channel.sms;

import java.util.Optional;

/**
 * The concatenation information element of a multi-part SMS's user data header (3GPP TS 23.040
 * 9.2.3.24.1 and .8): a reference shared by every part of one message, how many parts it has, and
 * this part's number from 1. Herald writes the 8-bit form; phones and SMSCs also send the 16-bit
 * one, which {@link #read} accepts too.
 */
public record Concatenation(int reference, int total, int sequence) {
  private static final int IEI_8BIT = 0x00;
  private static final int IEI_16BIT = 0x08;

  public Concatenation {
    if (reference < 0
        || reference > 0xFFFF
        || total < 1
        || total > 255
        || sequence < 1
        || sequence > total) {
      throw new IllegalArgumentException(
          "part " + sequence + " of " + total + ", reference " + reference);
    }
  }

  /** The whole header for the 8-bit form: {@code 05 00 03 ref total seq}. */
  byte[] udh() {
    return new byte[] {0x05, IEI_8BIT, 0x03, (byte) reference, (byte) total, (byte) sequence};
  }

  /**
   * The concatenation element of the user data header at the start of {@code userData}, if it has
   * one; other elements (ports, national language tables…) are skipped.
   *
   * @throws IllegalArgumentException when the header is longer than the message
   */
  public static Optional<Concatenation> read(byte[] userData) {
    int length = headerLength(userData);
    int i = 1;
    while (i + 1 < length) {
      int iei = userData[i] & 0xFF;
      int size = userData[i + 1] & 0xFF;
      int data = i + 2;
      if (data + size > length) {
        break;
      }
      if (iei == IEI_8BIT && size == 3) {
        return concatenation(
            userData[data] & 0xFF, userData[data + 1] & 0xFF, userData[data + 2] & 0xFF);
      }
      if (iei == IEI_16BIT && size == 4) {
        return concatenation(
            (userData[data] & 0xFF) << 8 | userData[data + 1] & 0xFF,
            userData[data + 2] & 0xFF,
            userData[data + 3] & 0xFF);
      }
      i = data + size;
    }
    return Optional.empty();
  }

  /** Octets the header takes, its length octet included. */
  static int headerLength(byte[] userData) {
    if (userData.length == 0 || (userData[0] & 0xFF) + 1 > userData.length) {
      throw new IllegalArgumentException("the user data header is longer than the message");
    }
    return (userData[0] & 0xFF) + 1;
  }

  /** A reserved sequence or total (0, or past the total) is ignored, as TS 23.040 asks. */
  private static Optional<Concatenation> concatenation(int reference, int total, int sequence) {
    return total >= 1 && sequence >= 1 && sequence <= total
        ? Optional.of(new Concatenation(reference, total, sequence))
        : Optional.empty();
  }
}
