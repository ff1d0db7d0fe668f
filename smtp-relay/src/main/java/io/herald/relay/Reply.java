package io.herald.relay;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One SMTP reply: a three-digit code, an RFC 3463 enhanced status code and a human-readable text.
 *
 * <p>Backends return replies to accept or refuse a step of the dialogue; the constants below cover
 * the common answers. The enhanced status is empty only where RFC 2034 forbids it (greeting,
 * EHLO/HELO and AUTH challenges); otherwise its class digit must match the code's first digit. Text
 * lines are separated by {@code '\n'}; any other control character is replaced by a space, so text
 * built from client input can never break the reply framing.
 *
 * @param code the reply code, 200 to 599
 * @param status the enhanced status code such as {@code "2.1.0"}, or empty
 * @param text the reply text, one or more lines separated by {@code '\n'}
 */
public record Reply(int code, String status, String text) {

  private static final Pattern STATUS = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");

  /** {@code 250 2.0.0 OK}: the generic success. */
  public static final Reply OK = new Reply(250, "2.0.0", "OK");

  /** {@code 250 2.1.0}: sender accepted. */
  public static final Reply SENDER_OK = new Reply(250, "2.1.0", "Sender OK");

  /** {@code 250 2.1.5}: recipient accepted. */
  public static final Reply RECIPIENT_OK = new Reply(250, "2.1.5", "Recipient OK");

  /** {@code 250 2.0.0}: message accepted (and, for the engine, durably queued). */
  public static final Reply QUEUED = new Reply(250, "2.0.0", "Message accepted for delivery");

  /** {@code 451 4.3.0}: a temporary local failure; the client should retry later. */
  public static final Reply TEMPORARY_FAILURE =
      new Reply(451, "4.3.0", "Temporary local problem, try again later");

  /** {@code 550 5.7.1}: relaying to this recipient is not allowed for this client. */
  public static final Reply RELAY_DENIED = new Reply(550, "5.7.1", "Relaying denied");

  /** {@code 550 5.1.1}: the recipient does not exist or is refused. */
  public static final Reply NO_SUCH_USER = new Reply(550, "5.1.1", "Recipient address rejected");

  /** {@code 550 5.7.1}: the sender is not allowed to send through this relay. */
  public static final Reply SENDER_DENIED = new Reply(550, "5.7.1", "Sender address rejected");

  /** {@code 554 5.7.1}: the message is refused by policy. */
  public static final Reply MESSAGE_REFUSED = new Reply(554, "5.7.1", "Message refused");

  /** {@code 452 4.3.1}: the server cannot take more mail now. */
  public static final Reply INSUFFICIENT_STORAGE =
      new Reply(452, "4.3.1", "Insufficient system storage");

  /** Validates the code and status and neutralises control characters in the text. */
  public Reply {
    if (code < 200 || code > 599) {
      throw new IllegalArgumentException("reply code out of range: " + code);
    }
    if (status == null) {
      status = "";
    }
    if (!status.isEmpty()) {
      if (!STATUS.matcher(status).matches()
          || status.charAt(0) != Integer.toString(code).charAt(0)) {
        throw new IllegalArgumentException("enhanced status " + status + " does not fit " + code);
      }
    }
    text = sanitize(text == null ? "" : text);
  }

  /** True for 2xx replies: the step was accepted. */
  public boolean positive() {
    return code < 300;
  }

  /** True for 4xx replies: the client may retry later. */
  public boolean transientFailure() {
    return code >= 400 && code < 500;
  }

  /** The text split into lines (at least one, possibly empty). */
  public List<String> lines() {
    return List.of(text.split("\n", -1));
  }

  private static String sanitize(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(c == '\n' || (c >= 0x20 && c < 0x7f) ? c : ' ');
    }
    return out.toString();
  }
}
