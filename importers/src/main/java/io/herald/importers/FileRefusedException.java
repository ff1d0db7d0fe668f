package io.herald.importers;

/**
 * The file as a whole cannot be imported: too large, empty, binary, corrupt, password-protected, or
 * over one of the {@link ImportLimits}. The message is one user-facing line, e.g. "XLSX is
 * password-protected" or "line 1 is longer than 65536 characters". Distinct from a {@link
 * RejectedRow} because the caller must discard everything it staged from this file, so a list is
 * never half-imported.
 */
public final class FileRefusedException extends Exception {

  /** Creates the refusal with its one-line user-facing message. */
  public FileRefusedException(String message) {
    super(message);
  }

  /** Creates the refusal keeping the low-level cause for the server log. */
  public FileRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
