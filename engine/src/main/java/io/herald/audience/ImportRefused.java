package io.herald.audience;

/** An import that could not even start: a bad list name, or the list is busy with another. */
public final class ImportRefused extends Exception {
  private final boolean conflict;

  public ImportRefused(String message, boolean conflict) {
    super(message);
    this.conflict = conflict;
  }

  /** True when retrying later may work (another import holds the list). */
  public boolean conflict() {
    return conflict;
  }
}
