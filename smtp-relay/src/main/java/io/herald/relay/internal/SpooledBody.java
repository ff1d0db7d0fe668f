package io.herald.relay.internal;

import io.herald.relay.MessageBody;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A message body being received: bytes collect in memory up to a threshold, then move to a
 * temporary file in the spool directory. Appending happens on the event loop; the file writes
 * ({@link #spill}, {@link #finish}) and {@link #delete} are blocking and run on a virtual thread,
 * never at the same time as an append (the session holds further input while they run).
 */
final class SpooledBody implements MessageBody {

  private final Path spoolDirectory;
  private final int threshold;
  private ByteArrayOutputStream memory;
  private Path file;
  private long fileSize;

  SpooledBody(Path spoolDirectory, int threshold) {
    this.spoolDirectory = spoolDirectory;
    this.threshold = threshold;
    this.memory = new ByteArrayOutputStream(Math.min(threshold, 8192));
  }

  /** Event loop: appends bytes to the in-memory part. */
  void append(byte[] bytes, int offset, int length) {
    memory.write(bytes, offset, length);
  }

  /** Event loop: true when the in-memory part should move to the file. */
  boolean spillDue() {
    return memory.size() >= threshold;
  }

  /** Event loop: hands over the in-memory bytes for {@link #spill} and starts a new buffer. */
  byte[] takeMemory() {
    byte[] bytes = memory.toByteArray();
    memory = new ByteArrayOutputStream(Math.min(threshold, 8192));
    return bytes;
  }

  /** Blocking: appends bytes taken from memory to the file, creating it on first use. */
  void spill(byte[] bytes) throws IOException {
    if (file == null) {
      file = Files.createTempFile(spoolDirectory, "herald-relay-", ".eml");
    }
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
      out.write(bytes);
    }
    fileSize += bytes.length;
  }

  /** Blocking: once the body is complete, moves what is left in memory to the file, if any. */
  void finish() throws IOException {
    if (file != null && memory.size() > 0) {
      spill(takeMemory());
    }
  }

  /** Blocking: removes the temporary file; the body is unusable afterwards. */
  void delete() {
    memory = new ByteArrayOutputStream(0);
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // Nothing the client can do about it; the spool directory is for temporary files only.
      }
      file = null;
      fileSize = 0;
    }
  }

  @Override
  public long size() {
    return fileSize + memory.size();
  }

  @Override
  public InputStream openStream() throws IOException {
    InputStream inMemory = new ByteArrayInputStream(memory.toByteArray());
    return file == null ? inMemory : new SequenceInputStream(Files.newInputStream(file), inMemory);
  }
}
