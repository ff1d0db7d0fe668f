package io.herald.audience;

import io.herald.importers.EmailAddress;
import io.herald.importers.ParsedContact;
import io.herald.importers.PhoneNumber;
import io.herald.importers.RejectedRow;
import io.herald.importers.RowResult;
import io.herald.importers.RowSink;
import io.herald.policy.JurisdictionPolicy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Turns the reader's rows into staged contacts, a batch at a time: rejects, blocked jurisdictions,
 * suppressed addresses, merges with members and earlier rows, new members. One batch costs two
 * Redis round trips however many rows it holds. Batches go to a single writer thread through a
 * small bounded queue, so parsing the next batch overlaps with storing this one (two cores, two
 * halves of the work) while the order of batches — and so of merges — is kept.
 */
final class ImportBatcher implements RowSink {
  static final int BATCH_SIZE = 1000;
  private static final int QUEUED_BATCHES = 2;
  private static final List<RowResult> END = List.of();

  private final ImportSession session;
  private final JurisdictionPolicy policy;
  private final Consent consent;
  private final BlockingQueue<List<RowResult>> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
  private final Thread writer;
  private List<RowResult> batch = new ArrayList<>(BATCH_SIZE);
  private volatile Throwable failure;
  private volatile boolean aborted;
  // Written by the writer thread only; read after join(), which orders the reads after the writes.
  private ImportCounts counts = ImportCounts.NONE;
  private long rows;

  ImportBatcher(ImportSession session, JurisdictionPolicy policy, Consent consent) {
    this.session = session;
    this.policy = policy;
    this.consent = consent;
    this.writer = Thread.ofVirtual().name("import-writer").start(this::writeBatches);
  }

  @Override
  public void accept(RowResult row) throws IOException {
    batch.add(row);
    if (batch.size() == BATCH_SIZE) {
      handOver(batch);
      batch = new ArrayList<>(BATCH_SIZE);
    }
  }

  /** Stores what is left and waits for the writer; throws what the writer failed with. */
  void finish() throws IOException {
    if (!batch.isEmpty()) {
      handOver(batch);
    }
    handOver(END);
    join();
    switch (failure) {
      case null -> {}
      case RuntimeException e -> throw e;
      case Error e -> throw e;
      default -> throw new IOException("storing the import failed", failure);
    }
  }

  /** Stops the writer without storing more; the caller abandons the session afterwards. */
  void abort() {
    aborted = true;
    queue.clear();
    queue.offer(END);
    join();
  }

  ImportCounts counts() {
    return counts;
  }

  private void handOver(List<RowResult> next) throws IOException {
    try {
      while (!queue.offer(next, 100, TimeUnit.MILLISECONDS)) {
        if (failure != null) {
          throw new IOException("storing the import failed: " + failure.getMessage(), failure);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("import interrupted", e);
    }
  }

  private void join() {
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void writeBatches() {
    try {
      for (List<RowResult> next = queue.take(); next != END && !aborted; next = queue.take()) {
        write(next);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable e) {
      // An Error too: finish() must not commit a list whose writer died half-way.
      failure = e;
    }
  }

  /** A candidate contact and the row it came from. */
  private record Candidate(long row, Contact contact) {}

  private void write(List<RowResult> rowsOfBatch) {
    List<RowIssue> issues = new ArrayList<>();
    List<Candidate> candidates = new ArrayList<>(rowsOfBatch.size());
    long rejected = 0;
    long blocked = 0;
    for (RowResult row : rowsOfBatch) {
      switch (row) {
        case RejectedRow r -> {
          issues.add(new RowIssue(r.rowNumber(), RowIssue.Kind.REJECTED, r.value(), r.reason()));
          rejected++;
        }
        case ParsedContact c -> {
          var reason = policy.blockReason(c);
          if (reason.isPresent()) {
            issues.add(new RowIssue(c.rowNumber(), RowIssue.Kind.BLOCKED, shown(c), reason.get()));
            blocked++;
          } else {
            candidates.add(new Candidate(c.rowNumber(), toContact(c)));
          }
        }
      }
    }
    rows = Math.max(rows, rowsOfBatch.getLast().rowNumber());

    ImportSession.Lookup lookup =
        session.lookup(candidates.stream().map(Candidate::contact).toList());
    Map<String, Contact> staged = new LinkedHashMap<>();
    long accepted = 0;
    long duplicates = 0;
    long suppressed = 0;
    for (Candidate candidate : candidates) {
      Contact contact = candidate.contact();
      if (contact.suppressionKeys().stream().anyMatch(lookup.suppressed()::contains)) {
        issues.add(
            new RowIssue(
                candidate.row(),
                RowIssue.Kind.SUPPRESSED,
                contact.email().isEmpty() ? contact.phone() : contact.email(),
                "unsubscribed or suppressed earlier; not resubscribed"));
        suppressed++;
        continue;
      }
      Contact prior = staged.getOrDefault(contact.key(), lookup.existing().get(contact.key()));
      if (prior != null) {
        staged.put(contact.key(), prior.mergedWith(contact));
        duplicates++;
      } else {
        staged.put(contact.key(), contact);
        accepted++;
      }
    }
    counts = counts.plus(new ImportCounts(accepted, rejected, duplicates, suppressed, blocked));
    issues.sort(Comparator.comparingLong(RowIssue::row));
    session.stage(List.copyOf(staged.values()), issues, counts, rows);
  }

  private Contact toContact(ParsedContact c) {
    String email = c.email().map(EmailAddress::value).orElse("");
    String phone = c.phone().map(PhoneNumber::e164).orElse("");
    String key = email.isEmpty() ? ContactKeys.phone(phone) : ContactKeys.email(email);
    return new Contact(key, email, phone, c.name(), c.attributes(), consent);
  }

  private static String shown(ParsedContact c) {
    return c.email().map(EmailAddress::value).orElseGet(() -> c.phone().get().e164());
  }
}
