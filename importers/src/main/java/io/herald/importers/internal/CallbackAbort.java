package io.herald.importers.internal;

import io.herald.importers.FileRefusedException;
import java.io.IOException;

/**
 * Carries a checked exception out of a POI callback (HSSF listener, SAX handler), whose signatures
 * allow none, so the sink's own exception reaches the caller unchanged and a limit found mid-sheet
 * still refuses the file. Unchecked and private to the readers; never escapes {@link
 * io.herald.importers.ContactFileReader}.
 */
final class CallbackAbort extends RuntimeException {

  private final Exception carried;

  CallbackAbort(Exception carried) {
    super(carried.getMessage(), carried, false, false);
    this.carried = carried;
  }

  /** Throws the carried exception as itself. */
  void rethrow() throws IOException, FileRefusedException {
    switch (carried) {
      case IOException e -> throw e;
      case FileRefusedException e -> throw e;
      case RuntimeException e -> throw e;
      default -> throw new IllegalStateException(carried);
    }
  }

  /** Finds a carrier in a cause chain (SAX parsers may wrap it), or null. */
  static CallbackAbort find(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof CallbackAbort abort) {
        return abort;
      }
    }
    return null;
  }
}
