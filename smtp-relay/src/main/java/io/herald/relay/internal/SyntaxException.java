package io.herald.relay.internal;

import io.herald.relay.Reply;

/**
 * A command line that does not follow the grammar; carries the reply the client gets. This is the
 * only exception the parsers throw, whatever the input.
 */
public final class SyntaxException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient Reply reply;

  /** A refusal with the given reply, whose text is also the exception message. */
  public SyntaxException(Reply reply) {
    super(reply.code() + " " + reply.status() + " " + reply.text(), null, false, false);
    this.reply = reply;
  }

  /** A refusal built from its parts. */
  public SyntaxException(int code, String status, String text) {
    this(new Reply(code, status, text));
  }

  /** What the client is told. */
  public Reply reply() {
    return reply;
  }
}
