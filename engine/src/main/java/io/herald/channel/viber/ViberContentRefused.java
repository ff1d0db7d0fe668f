package io.herald.channel.viber;

/**
 * A Viber message that cannot be sent as the campaign wrote it, with a one-line reason for the
 * person who wrote it: a shape Viber does not allow, a text that leaves no room for the unsubscribe
 * line, a text empty for one recipient, a template error, or an image that is not a reachable https
 * image of an allowed type and size. At create the campaign is refused (4xx, CLI exit 2); at send
 * the one recipient is recorded as failed (a personalised text can grow past the limit).
 */
public final class ViberContentRefused extends Exception {
  public ViberContentRefused(String reason) {
    super(reason, null, false, false);
  }
}
