package io.herald.delivery.smtp;

import java.nio.charset.StandardCharsets;

/** Small finished messages for transport tests, each with its own Message-ID. */
final class Messages {
  private Messages() {}

  static byte[] message(String to, int n) {
    return ("From: Shop <news@shop.test>\r\n"
            + "To: "
            + to
            + "\r\n"
            + "Subject: Offer "
            + n
            + "\r\n"
            + "Message-ID: <msg-"
            + n
            + "@herald.test>\r\n"
            + "X-Herald-Check: kept as sent\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n"
            + "\r\n"
            + "Hello "
            + n
            + "\r\n"
            + ".a line that starts with a dot\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }
}
