package io.herald.audience;

import io.herald.account.AccountId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a list as CSV (R12: a contact's data can be exported). Two passes over the list: the first
 * collects attribute names for the header, the second streams rows, so memory holds the header, not
 * the list. Cells are safe against spreadsheet formula injection: a value beginning with {@code = +
 * - @}, a tab or a carriage return is prefixed with an apostrophe, so a spreadsheet shows it as
 * text instead of running it. The phone column is exempt: it is a validated E.164 number ({@code +}
 * and digits only), which a spreadsheet cannot execute.
 */
public final class ContactExport {
  private static final Pattern E164 = Pattern.compile("\\+[0-9]{1,15}");
  private static final int MAX_ATTRIBUTE_COLUMNS = 500;

  private final AudienceStore store;

  public ContactExport(AudienceStore store) {
    this.store = store;
  }

  public void write(AccountId account, ContactList list, Writer out) throws IOException {
    Set<String> attributes = new LinkedHashSet<>();
    store.forEachMember(
        account,
        list.id(),
        contact -> {
          if (attributes.size() < MAX_ATTRIBUTE_COLUMNS) {
            attributes.addAll(contact.attributes().keySet());
          }
        });
    List<String> header =
        new ArrayList<>(
            List.of("email", "phone", "name", "consent_source", "consent_at", "consent_statement"));
    attributes.forEach(a -> header.add(safe(a)));
    CSVPrinter csv = CSVFormat.RFC4180.builder().get().print(out);
    csv.printRecord(header);
    try {
      store.forEachMember(
          account,
          list.id(),
          contact -> {
            List<String> row = new ArrayList<>(header.size());
            row.add(safe(contact.email()));
            row.add(
                E164.matcher(contact.phone()).matches() ? contact.phone() : safe(contact.phone()));
            row.add(safe(contact.name()));
            row.add(safe(contact.consent().source()));
            row.add(contact.consent().at().toString());
            row.add(safe(contact.consent().statement()));
            attributes.forEach(a -> row.add(safe(contact.attributes().getOrDefault(a, ""))));
            try {
              csv.printRecord(row);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    csv.flush();
  }

  /** The cell as text a spreadsheet will not evaluate. */
  static String safe(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    char first = value.charAt(0);
    return switch (first) {
      case '=', '+', '-', '@', '\t', '\r' -> "'" + value;
      default -> value;
    };
  }
}
