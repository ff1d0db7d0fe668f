package io.herald.paging;

/** A cursor that names no position in its list: malformed, of another list, or expired. */
public final class BadCursor extends IllegalArgumentException {
  public BadCursor() {
    super("unknown or expired cursor", null);
  }
}
