package io.herald.channel.sms.smpp;

import java.math.BigInteger;

/**
 * Message ids of a connection whose SMSC answers {@code submit_sm} in hexadecimal but writes its
 * text receipts in decimal ({@code decimalReceiptIds}): both are kept as one decimal number without
 * leading zeros, so a receipt names its message exactly as the submit's outcome did. An id that is
 * not a number in the expected base is kept as the SMSC wrote it.
 */
final class MessageIds {
  private MessageIds() {}

  /** A hexadecimal id ({@code submit_sm_resp}, {@code receipted_message_id}) in decimal. */
  static String fromHex(String id) {
    return parse(id, 16);
  }

  /** A decimal id (the text form of a receipt) without leading zeros. */
  static String fromDecimal(String id) {
    return parse(id, 10);
  }

  private static String parse(String id, int radix) {
    try {
      return new BigInteger(id.strip(), radix).toString();
    } catch (NumberFormatException e) {
      return id;
    }
  }
}
