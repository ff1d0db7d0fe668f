package io.herald.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Spools an upload to a file under {@code <data.dir>/uploads} as it arrives, never holding it in
 * memory, and stops with 413 as soon as it passes the limit (before reading, when the declared
 * length is already over it). XLS and XLSX need random access, so an import always reads from the
 * spooled file.
 */
final class Uploads {
  private static final int BUFFER = 64 * 1024;

  private final Path dir;
  private final long maxBytes;

  Uploads(Path dir, long maxBytes) {
    this.dir = dir;
    this.maxBytes = maxBytes;
  }

  /**
   * Refuses a declared length (the request's Content-Length, -1 when unknown) over the limit. Call
   * it before asking for the body: a client that sent {@code Expect: 100-continue} then learns it
   * without uploading a byte.
   */
  void checkDeclaredLength(long declaredLength) {
    if (declaredLength > maxBytes) {
      throw new Problem(
          413,
          "Upload too large",
          "the file ("
              + declaredLength
              + " bytes) is larger than "
              + maxBytes
              + " bytes, the largest upload accepted");
    }
  }

  Path spool(InputStream body) throws IOException {
    Files.createDirectories(dir);
    Path file = Files.createTempFile(dir, "upload-", ".part");
    try (InputStream in = body;
        OutputStream out = Files.newOutputStream(file)) {
      byte[] buffer = new byte[BUFFER];
      long total = 0;
      for (int n; (n = in.read(buffer)) != -1; ) {
        total += n;
        if (total > maxBytes) {
          throw new Problem(
              413, "Upload too large", "the file is larger than " + maxBytes + " bytes");
        }
        out.write(buffer, 0, n);
      }
      return file;
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  /**
   * Lets {@code request}'s body grow to this class's limit: every other body stops at {@link
   * HttpServer#MAX_BODY_BYTES} (see {@link BodyLimits}), while an upload streams to disk.
   */
  void allowBody(HttpServletRequest request) {
    BodyLimits.allow(request, maxBytes);
  }
}
