package io.herald.audience;

/**
 * Where an import stands. Only {@link Completed} changed the list; {@link Refused} (the file as a
 * whole was unacceptable, exit code 2 in the CLI) and {@link Failed} (anything else) left it
 * exactly as it was.
 */
public sealed interface ImportStatus {
  /** Still reading; {@code rows} so far. */
  record Running(long rows) implements ImportStatus {}

  /** Committed to the list. */
  record Completed(long rows) implements ImportStatus {}

  /** The file was refused; nothing was imported. */
  record Refused(String reason) implements ImportStatus {}

  /** The import broke off; nothing was imported. */
  record Failed(String reason) implements ImportStatus {}
}
