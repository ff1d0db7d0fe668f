package io.herald.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of an import on stderr: bytes uploaded, then rows processed. Shown only when stderr is a
 * terminal, so scripts and {@code --json} output stay clean.
 */
final class Progress implements AutoCloseable {
  private final ProgressBar upload;
  private ProgressBar rows;
  private boolean closed;

  private Progress(ProgressBar upload) {
    this.upload = upload;
  }

  static Progress start(long bytes) {
    if (System.console() == null || !System.console().isTerminal()) {
      return new Progress(null);
    }
    return new Progress(bar("Uploading", bytes).setUnit(" KiB", 1024).build());
  }

  private static ProgressBarBuilder bar(String task, long max) {
    return new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(max)
        .setStyle(ProgressBarStyle.ASCII)
        .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(System.err, true)));
  }

  void uploaded(long bytes) {
    if (upload != null) {
      upload.stepTo(bytes);
    }
  }

  void rows(long count) {
    if (upload == null) {
      return;
    }
    if (rows == null) {
      upload.close();
      rows = bar("Importing", -1).setUnit(" rows", 1).build();
    }
    rows.stepTo(count);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (upload != null) {
      upload.close();
    }
    if (rows != null) {
      rows.close();
    }
  }
}
