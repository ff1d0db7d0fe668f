package io.herald.relay;

import java.io.IOException;
import java.io.InputStream;

/**
 * The content of one message as received after DATA: dot-unstuffed, lines ending in CRLF, with the
 * relay's {@code Received:} trace header first.
 *
 * <p>Small messages stay in memory, larger ones in a temporary file. The body is valid only during
 * {@link RelayBackend#message}; the relay deletes it once that call returns, so a backend that
 * keeps the content must copy it (for the engine: write it to the durable queue) before returning.
 */
public interface MessageBody {

  /** The size in bytes of the content {@link #openStream()} returns. */
  long size();

  /** A fresh stream over the whole content; may be called more than once. */
  InputStream openStream() throws IOException;
}
