package io.herald.audience;

import io.herald.importers.EmailAddress;
import io.herald.importers.ParsedContact;
import io.herald.importers.PhoneNumber;
import io.herald.importers.RejectedRow;
import io.herald.importers.RowResult;
import io.herald.importers.RowSink;
import io.herald.policy.JurisdictionPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the reader's rows into staged contacts, a batch at a time: rejects, blocked jurisdictions,
 * suppressed addresses, merges with members and earlier rows, new members. One batch costs two
 * Redis round trips however many rows it holds, which is what keeps a million-row import fast.
 */
final class ImportBatcher implements RowSink {
  static final int BATCH_SIZE = 1000;

  private final ImportSession session;
  private final JurisdictionPolicy policy;
  private final Consent consent;
  private final List<RowResult> batch = new ArrayList<>(BATCH_SIZE);
  private ImportCounts counts = ImportCounts.NONE;
  private long rows;

  ImportBatcher(ImportSession session, JurisdictionPolicy policy, Consent consent) {
    this.session = session;
    this.policy = policy;
    this.consent = consent;
  }

  @Override
  public void accept(RowResult row) {
    batch.add(row);
    if (batch.size() == BATCH_SIZE) {
      flush();
    }
  }

  ImportCounts counts() {
    return counts;
  }

  long rows() {
    return rows;
  }

  /** A candidate contact and the row it came from. */
  private record Candidate(long row, Contact contact) {}

  void flush() {
    if (batch.isEmpty()) {
      return;
    }
    List<RowIssue> issues = new ArrayList<>();
    List<Candidate> candidates = new ArrayList<>(batch.size());
    long rejected = 0;
    long blocked = 0;
    for (RowResult row : batch) {
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
    rows = Math.max(rows, batch.getLast().rowNumber());
    batch.clear();

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
