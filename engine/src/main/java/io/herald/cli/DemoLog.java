package io.herald.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the demo's log lines go while it tells its story: a file, so that the node's and the
 * libraries' log lines (written to standard error by slf4j-simple, which looks up {@code
 * System.err} at each line) do not interleave with the story on the terminal. The demo owns its
 * process, so it may point the JVM's standard error elsewhere for its duration; closing puts it
 * back. Errors the demo itself reports go to the CLI's own error stream, kept before the switch.
 */
final class DemoLog implements AutoCloseable {
  private final Path file;
  private final PrintStream log;
  private final PrintStream previous;

  private DemoLog(Path file, PrintStream log, PrintStream previous) {
    this.file = file;
    this.log = log;
    this.previous = previous;
  }

  /** From now on, standard error goes to a new file (kept after the demo). */
  static DemoLog toFile() throws IOException {
    Path file = Files.createTempFile("herald-demo-", ".log");
    PrintStream log = new PrintStream(Files.newOutputStream(file), true, StandardCharsets.UTF_8);
    PrintStream previous = System.err;
    System.setErr(log);
    return new DemoLog(file, log, previous);
  }

  Path file() {
    return file;
  }

  @Override
  public void close() {
    System.setErr(previous);
    log.close();
  }
}
