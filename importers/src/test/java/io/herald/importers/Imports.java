package io.herald.importers;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helper: reads a file with Ukrainian defaults and collects every result. */
final class Imports {

  static final Charset WINDOWS_1251 = Charset.forName("windows-1251");

  final List<RowResult> rows = new ArrayList<>();
  ReadSummary summary;

  static ImportOptions options(ImportLimits limits) {
    return new ImportOptions("UA", WINDOWS_1251, limits);
  }

  static Imports read(Path file, String name) throws IOException, FileRefusedException {
    return read(file, name, ImportLimits.defaults());
  }

  static Imports read(Path file, String name, ImportLimits limits)
      throws IOException, FileRefusedException {
    Imports imports = new Imports();
    imports.summary = new ContactFileReader(options(limits)).read(file, name, imports.rows::add);
    return imports;
  }

  List<ParsedContact> contacts() {
    return rows.stream()
        .filter(ParsedContact.class::isInstance)
        .map(ParsedContact.class::cast)
        .toList();
  }

  List<RejectedRow> rejects() {
    return rows.stream()
        .filter(RejectedRow.class::isInstance)
        .map(RejectedRow.class::cast)
        .toList();
  }

  List<String> emails() {
    return contacts().stream().flatMap(c -> c.email().stream()).map(EmailAddress::value).toList();
  }

  List<String> phones() {
    return contacts().stream().flatMap(c -> c.phone().stream()).map(PhoneNumber::e164).toList();
  }
}
