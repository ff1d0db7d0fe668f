package io.herald.audience;

/**
 * What an import did, contact by contact: {@code accepted} new members, {@code duplicates} merged
 * into a contact already in the list or earlier in the file, {@code rejected} rows that were not a
 * valid contact, {@code suppressed} contacts that had unsubscribed (not resubscribed) and {@code
 * blocked} contacts in a blocked jurisdiction (R14).
 */
public record ImportCounts(
    long accepted, long rejected, long duplicates, long suppressed, long blocked) {
  public static final ImportCounts NONE = new ImportCounts(0, 0, 0, 0, 0);

  public ImportCounts plus(ImportCounts other) {
    return new ImportCounts(
        accepted + other.accepted,
        rejected + other.rejected,
        duplicates + other.duplicates,
        suppressed + other.suppressed,
        blocked + other.blocked);
  }
}
