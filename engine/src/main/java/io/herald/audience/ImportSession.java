package io.herald.audience;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A staged import into one list, held under that list's lock. Contacts are written to a staging
 * copy of the list and only {@link #commit} swaps it in, atomically: an import that fails, is
 * refused or is abandoned leaves the list exactly as it was. Not thread-safe: one import, one
 * thread.
 */
public interface ImportSession extends AutoCloseable {
  /** The list being imported into (its id is new when the list does not exist yet). */
  ContactList target();

  /** The job as it was opened (running, no rows yet). */
  ImportJob job();

  /** Which of these contacts are already staged (list members or earlier rows) and suppressed. */
  Lookup lookup(List<Contact> batch);

  /** What {@link #lookup} found: existing contacts by key, and suppressed keys. */
  record Lookup(Map<String, Contact> existing, Set<String> suppressed) {}

  /** Writes merged and new contacts and row issues; records progress for status readers. */
  void stage(List<Contact> contacts, List<RowIssue> issues, ImportCounts counts, long rows);

  /** Swaps the staged list in and marks the job completed, all at once. */
  void commit(ImportCounts counts, long rows, String format, String encoding, String sheet);

  /** Marks the job refused or failed; the list is untouched. */
  void abandon(ImportStatus status, ImportCounts counts);

  /** Releases the list and drops the staging copy if it was not committed. */
  @Override
  void close();
}
