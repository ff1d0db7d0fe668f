package io.herald.channel.sms;

/**
 * Mints the short links an SMS carries (every character of an SMS costs): {@code
 * https://<host>/s/<code>}, the recipient's unsubscribe page (R3), and {@code
 * https://<host>/l/<code>}, a tracked link that counts a click and redirects to {@code url}. A code
 * names one recipient of one message, so the page knows whose number and which campaign it is.
 */
public interface ShortLinks {
  /** The recipient's unsubscribe link. */
  String unsubscribe(ShortLinkTarget target);

  /** A tracked link to {@code url} (http or https) for this recipient. */
  String click(ShortLinkTarget target, String url);
}
