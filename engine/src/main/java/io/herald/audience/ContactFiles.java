package io.herald.audience;

import io.herald.importers.FileRefusedException;
import io.herald.importers.ReadSummary;
import io.herald.importers.RowSink;
import java.io.IOException;
import java.nio.file.Path;

/**
 * How {@link Imports} reads a contact file: in production the importers module's {@code
 * ContactFileReader::read}. A port of its own so that what the reading may throw — a refusal, an
 * I/O failure, or an {@link Error} such as a class missing at run time — can be made to happen in a
 * test through the same constructor the node uses.
 */
@FunctionalInterface
public interface ContactFiles {
  /** Streams the file's rows to {@code sink}; see {@code ContactFileReader#read}. */
  ReadSummary read(Path file, String fileName, RowSink sink)
      throws FileRefusedException, IOException;
}
