package io.herald.importers.internal;

import java.io.IOException;

/**
 * A reason to refuse a text file discovered deep inside a {@link java.io.Reader} (a line too long,
 * undecodable bytes). It is an {@link IOException} only so it can travel through Reader and Commons
 * CSV APIs; the format reader turns it into a {@link io.herald.importers.FileRefusedException} with
 * the same message.
 */
public final class TextRefusal extends IOException {

  /** The message is the user-facing refusal line. */
  public TextRefusal(String message) {
    super(message);
  }
}
