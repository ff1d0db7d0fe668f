package io.herald.channel.email;

/**
 * A raw message Herald cannot deliver as it must (footer, headers, signature), with the reason said
 * so the client can fix it: an unknown charset or transfer encoding in the body text, broken base64
 * there, a line longer than SMTP allows in a part that is passed on unchanged. Checked before the
 * relay answers, so such a message is refused at DATA rather than accepted and lost.
 */
final class Undeliverable extends Exception {
  Undeliverable(String reason) {
    super(reason, null, false, false);
  }
}
