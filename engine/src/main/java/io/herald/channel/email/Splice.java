package io.herald.channel.email;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Changes to a message's bytes as ranges replaced, applied in one pass: every byte outside the
 * ranges is copied as it was. Insertions at one position keep the order they were added in.
 */
final class Splice {
  private record Edit(int start, int end, byte[] bytes, int order) {}

  private final byte[] source;
  private final List<Edit> edits = new ArrayList<>();

  Splice(byte[] source) {
    this.source = source;
  }

  void replace(int start, int end, byte[] bytes) {
    edits.add(new Edit(start, end, bytes, edits.size()));
  }

  void replace(int start, int end, String text) {
    replace(start, end, text.getBytes(StandardCharsets.UTF_8));
  }

  void insert(int at, String text) {
    replace(at, at, text);
  }

  void remove(int start, int end) {
    replace(start, end, new byte[0]);
  }

  byte[] apply() {
    List<Edit> sorted = new ArrayList<>(edits);
    sorted.sort(Comparator.comparingInt(Edit::start).thenComparingInt(Edit::order));
    ByteArrayOutputStream out = new ByteArrayOutputStream(source.length + 8192);
    int copied = 0;
    for (Edit edit : sorted) {
      if (edit.start() < copied) {
        throw new IllegalStateException("overlapping edits at " + edit.start());
      }
      out.write(source, copied, edit.start() - copied);
      out.writeBytes(edit.bytes());
      copied = edit.end();
    }
    out.write(source, copied, source.length - copied);
    return out.toByteArray();
  }
}
