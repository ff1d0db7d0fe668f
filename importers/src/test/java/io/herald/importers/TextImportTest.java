package io.herald.importers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextImportTest {

  @TempDir Path dir;

  @Test
  void txtSplitsMixedSeparatorsAndKeepsSpacedPhonesWhole() throws Exception {
    Path file =
        write(
            "list.txt",
            """
            ivan@example.com, olena@example.ua; +380 67 123 45 67
            Petro Ivanenko <petro@example.com> 067 123 4567

            067 123 4567 050 111 2233\tmarta@example.com
            just words
            """);

    Imports read = Imports.read(file, "list.txt");

    assertThat(read.summary).isEqualTo(new ReadSummary(FileFormat.TXT, "UTF-8", "", 4));
    assertThat(read.contacts())
        .extracting(
            ParsedContact::rowNumber,
            c -> c.email().map(EmailAddress::value).orElse(""),
            c -> c.phone().map(PhoneNumber::e164).orElse(""),
            ParsedContact::name)
        .containsExactly(
            tuple(1L, "ivan@example.com", "", ""),
            tuple(1L, "olena@example.ua", "", ""),
            tuple(1L, "", "+380671234567", ""),
            tuple(2L, "petro@example.com", "+380671234567", "Petro Ivanenko"));
    assertThat(read.rejects())
        .containsExactly(
            // Two phones written without a separator between them are not guessed apart.
            new RejectedRow(4, "067 123 4567 050 111 2233", "invalid phone: too long"),
            new RejectedRow(5, "just words", "no email or phone"));
  }

  @Test
  void txtRejectsInvalidAddressesWithTheirLineNumber() throws Exception {
    Path file = write("list.txt", "ivan@example.com\nivan@@example.com\n+380 67 12\n");

    Imports read = Imports.read(file, "list.txt");

    assertThat(read.rejects())
        .containsExactly(
            new RejectedRow(2, "ivan@@example.com", "invalid email: more than one @"),
            new RejectedRow(3, "+380 67 12", "invalid phone: too short"));
  }

  @Test
  void csvWithSemicolonDelimiterMapsTheHeader() throws Exception {
    Path file =
        write(
            "export.csv",
            "Email;Name;Phone\nivan@example.com;Ivan Petrenko;+380671234567\n"
                + "olena@example.ua;Olena;\n");

    Imports read = Imports.read(file, "export.csv");

    assertThat(read.summary).isEqualTo(new ReadSummary(FileFormat.CSV, "UTF-8", "", 2));
    assertThat(read.contacts())
        .extracting(ParsedContact::rowNumber, ParsedContact::name)
        .containsExactly(tuple(2L, "Ivan Petrenko"), tuple(3L, "Olena"));
    assertThat(read.phones()).containsExactly("+380671234567");
  }

  @Test
  void csvWithUtf8BomRecognisesTheFirstHeader() throws Exception {
    Path file = dir.resolve("bom.csv");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    bytes.write("Email,Ім'я\nivan@example.com,Іван\n".getBytes(StandardCharsets.UTF_8));
    Files.write(file, bytes.toByteArray());

    Imports read = Imports.read(file, "bom.csv");

    assertThat(read.summary.encoding()).isEqualTo("UTF-8");
    assertThat(read.contacts()).singleElement().extracting(ParsedContact::name).isEqualTo("Іван");
    assertThat(read.emails()).containsExactly("ivan@example.com");
  }

  @Test
  void csvInUtf16LittleEndianWithBom() throws Exception {
    Path file = dir.resolve("unicode.csv");
    Files.writeString(
        file, "\uFEFFEmail\tІм'я\nivan@example.com\tІван\n", StandardCharsets.UTF_16LE);

    Imports read = Imports.read(file, "unicode.csv");

    assertThat(read.summary).isEqualTo(new ReadSummary(FileFormat.CSV, "UTF-16LE", "", 1));
    assertThat(read.contacts()).singleElement().extracting(ParsedContact::name).isEqualTo("Іван");
  }

  @Test
  void csvInUtf16WithoutBomIsRecognisedByItsNulBytes() throws Exception {
    Path file = dir.resolve("unicode.csv");
    Files.writeString(file, "Email,Name\nivan@example.com,Іван\n", StandardCharsets.UTF_16BE);

    Imports read = Imports.read(file, "unicode.csv");

    assertThat(read.summary.encoding()).isEqualTo("UTF-16BE");
    assertThat(read.emails()).containsExactly("ivan@example.com");
  }

  @Test
  void csvInWindows1251DecodesCyrillicNamesAndUkrainianHeader() throws Exception {
    Path file = dir.resolve("contacts.csv");
    Files.writeString(
        file,
        "Ім'я;Електронна пошта;Телефон\r\nІван Петренко;ivan@example.com;067 123 4567\r\n"
            + "Ольга Їжакевич;olga@приклад.укр;\r\n",
        Imports.WINDOWS_1251);

    Imports read = Imports.read(file, "contacts.csv");

    assertThat(read.summary).isEqualTo(new ReadSummary(FileFormat.CSV, "windows-1251", "", 2));
    assertThat(read.contacts())
        .extracting(ParsedContact::name)
        .containsExactly("Іван Петренко", "Ольга Їжакевич");
    assertThat(read.emails()).containsExactly("ivan@example.com", "olga@xn--80aikifvh.xn--j1amh");
    assertThat(read.phones()).containsExactly("+380671234567");
  }

  @Test
  void quotedCellWithQuotesAndLineBreaksBecomesOneSpacedName() throws Exception {
    Path file = dir.resolve("quoted.csv");
    try (Writer out = Files.newBufferedWriter(file);
        CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT)) {
      csv.printRecord("Name", "Email");
      csv.printRecord("Ivan \"the Great\"\r\nPetrenko", "ivan@example.com");
      csv.printRecord("Olena", "olena@example.com");
    }

    Imports read = Imports.read(file, "quoted.csv");

    assertThat(read.contacts())
        .extracting(ParsedContact::rowNumber, ParsedContact::name)
        .containsExactly(tuple(2L, "Ivan \"the Great\" Petrenko"), tuple(3L, "Olena"));
  }

  @Test
  void headerlessCsvClassifiesEachCell() throws Exception {
    Path file =
        write(
            "plain.csv",
            "ivan@example.com,Ivan Petrenko,+380671234567,VIP\n" + "+380501112233,Olena,Kyiv\n");

    Imports read = Imports.read(file, "plain.csv");

    assertThat(read.contacts())
        .containsExactly(
            new ParsedContact(
                1,
                Optional.of(new EmailAddress("ivan@example.com")),
                Optional.of(new PhoneNumber("+380671234567", "UA")),
                "Ivan Petrenko",
                Map.of("col4", "VIP")),
            new ParsedContact(
                2,
                Optional.empty(),
                Optional.of(new PhoneNumber("+380501112233", "UA")),
                "Olena",
                Map.of("col3", "Kyiv")));
  }

  @Test
  void extraColumnsAreKeptAsAttributesInFileOrder() throws Exception {
    Path file =
        write(
            "crm.csv",
            "Company,E-mail,City,Full Name,Notes\n"
                + "Acme,ivan@example.com,Kyiv,Ivan,\"line one\nline two\",overflow\n");

    Imports read = Imports.read(file, "crm.csv");

    ParsedContact contact = read.contacts().getFirst();
    assertThat(contact.name()).isEqualTo("Ivan");
    assertThat(contact.attributes())
        .containsExactly(
            Map.entry("Company", "Acme"),
            Map.entry("City", "Kyiv"),
            Map.entry("Notes", "line one line two"),
            Map.entry("col6", "overflow"));
  }

  @Test
  void badRowsAreRejectedWithRowNumberAndReason() throws Exception {
    Path file =
        write(
            "list.csv",
            "email,phone,name\n"
                + "ivan.example.com,,Ivan\n"
                + "olena@example,+380671234567,Olena\n"
                + ",,Petro\n"
                + "marta@example.com,+380 67,Marta\n"
                + "ok@example.com,,OK\n");

    Imports read = Imports.read(file, "list.csv");

    assertThat(read.rejects())
        .containsExactly(
            new RejectedRow(2, "ivan.example.com", "invalid email: missing @"),
            new RejectedRow(3, "olena@example", "invalid email: domain has no dot"),
            new RejectedRow(4, ", , Petro", "no email or phone"),
            new RejectedRow(5, "+380 67", "invalid phone: too short"));
    assertThat(read.emails()).containsExactly("ok@example.com");
  }

  @Test
  void controlCharactersInNamesCollapseToOneSpace() throws Exception {
    Path file =
        write(
            "names.csv", "email,name,note\nivan@example.com,Ivan\u0007\u000B Petrenko ,a\u2028b\n");

    Imports read = Imports.read(file, "names.csv");

    assertThat(read.contacts().getFirst().name()).isEqualTo("Ivan Petrenko");
    assertThat(read.contacts().getFirst().attributes()).containsEntry("note", "a b");
  }

  @Test
  void undecodableBytesLaterInUtf8FileAreRefusedNamingTheLine() throws Exception {
    Path file = dir.resolve("late.csv");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write("email,name\n".getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < 1000; i++) {
      bytes.write(("user" + i + "@example.com,Іван\n").getBytes(StandardCharsets.UTF_8));
    }
    bytes.write(new byte[] {'x', (byte) 0xFF, '@', 'e', '.', 'c', '\n'});
    Files.write(file, bytes.toByteArray());

    assertThatThrownBy(() -> Imports.read(file, "late.csv"))
        .isInstanceOf(FileRefusedException.class)
        .hasMessage("line 1002 has bytes that are not valid UTF-8");
  }

  @Test
  void txtNamedFileWithAHeaderIsReadAsCsv() throws Exception {
    Path file = write("contacts.txt", "E-mail;Телефон\nivan@example.com;+380671234567\n");

    Imports read = Imports.read(file, "contacts.txt");

    assertThat(read.summary.format()).isEqualTo(FileFormat.CSV);
    assertThat(read.contacts()).singleElement().extracting(ParsedContact::rowNumber).isEqualTo(2L);
  }

  @Test
  void unknownExtensionWithAConsistentDelimiterIsCsv() throws Exception {
    Path file = write("export.dat", "ivan@example.com|Ivan\nolena@example.com|Olena\n");

    Imports read = Imports.read(file, "export.dat");

    assertThat(read.summary.format()).isEqualTo(FileFormat.CSV);
    assertThat(read.contacts()).extracting(ParsedContact::name).containsExactly("Ivan", "Olena");
  }

  @Test
  void sinkExceptionsPropagateUnchanged() throws Exception {
    Path file = write("list.txt", "ivan@example.com\n");
    java.io.IOException boom = new java.io.IOException("staging store is down");

    assertThatThrownBy(
            () ->
                new ContactFileReader(Imports.options(ImportLimits.defaults()))
                    .read(
                        file,
                        "list.txt",
                        row -> {
                          throw boom;
                        }))
        .isSameAs(boom);
  }

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }
}
