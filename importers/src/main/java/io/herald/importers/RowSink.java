package io.herald.importers;

import java.io.IOException;

/**
 * Where the reader pushes rows, one at a time and in file order. A push interface (rather than a
 * returned list or stream) keeps memory flat for a two-million-row file and lets the engine stage
 * rows in its own store as they arrive. Anything the sink throws propagates out of {@link
 * ContactFileReader#read} unchanged.
 */
@FunctionalInterface
public interface RowSink {

  /** Receives one row result; may throw to stop the import. */
  void accept(RowResult row) throws IOException;
}
