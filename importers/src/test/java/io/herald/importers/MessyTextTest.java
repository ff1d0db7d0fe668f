package io.herald.importers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text uploads as marketers really make them: comments, mail-client entries, web-page spaces. */
class MessyTextTest {

  @TempDir Path dir;

  @Test
  void txtCommentLinesAreSkippedNotImportedNorRejected() throws Exception {
    Path file =
        write(
            "list.txt",
            """
            // exported from the CRM on 2026-11-30
            ivan@example.com
            # unsubscribed:
            # petro@example.com
              # unsubscribed: olena@example.com
            marta@example.com
            """);

    Imports read = Imports.read(file, "list.txt");

    assertThat(read.contacts())
        .extracting(ParsedContact::rowNumber, ParsedContact::name)
        .containsExactly(tuple(2L, ""), tuple(6L, ""));
    assertThat(read.emails()).containsExactly("ivan@example.com", "marta@example.com");
    assertThat(read.rejects()).isEmpty();
    assertThat(read.summary.rows()).isEqualTo(2);
  }

  @Test
  void outlookStyleEntriesGiveTheAddressAndTheName() throws Exception {
    Path csv =
        write(
            "outlook.csv",
            """
            email,phone
            Іван Д. <ivan.d@example.com>,
            \"""Д., Іван"" <ivan@example.com>",
            """);
    Path txt = write("outlook.txt", "\"Д., Олена\" <olena@example.com>\n");

    Imports table = Imports.read(csv, "outlook.csv");
    Imports text = Imports.read(txt, "outlook.txt");

    assertThat(table.rejects()).isEmpty();
    assertThat(table.contacts())
        .extracting(c -> c.email().orElseThrow().value(), ParsedContact::name)
        .containsExactly(
            tuple("ivan.d@example.com", "Іван Д."), tuple("ivan@example.com", "Д., Іван"));
    assertThat(text.contacts())
        .extracting(c -> c.email().orElseThrow().value(), ParsedContact::name)
        .containsExactly(tuple("olena@example.com", "Д., Олена"));
  }

  @Test
  void everyUnicodeSpaceAroundValuesIsStripped() throws Exception {
    Path csv =
        write(
            "web.csv",
            "email,name,phone\n"
                + "ivan@example.com\u00A0,Іван\u202F,\n"
                + "\u2007olena@example.com\u200B,\uFEFFОлена\u00A0,\u2007+380 67 123 45 67\u202F\n");
    Path txt = write("web.txt", "petro@example.com\u202F\n\u200Bmarta@example.com\uFEFF\n");

    Imports table = Imports.read(csv, "web.csv");
    Imports text = Imports.read(txt, "web.txt");

    assertThat(table.rejects()).isEmpty();
    assertThat(table.contacts())
        .extracting(c -> c.email().orElseThrow().value(), ParsedContact::name)
        .containsExactly(tuple("ivan@example.com", "Іван"), tuple("olena@example.com", "Олена"));
    assertThat(table.phones()).containsExactly("+380671234567");
    assertThat(text.rejects()).isEmpty();
    assertThat(text.emails()).containsExactly("petro@example.com", "marta@example.com");
  }

  @Test
  void windows1251WhoseCyrillicStartsAfterTheFirstKilobytesIsNotRefusedAsUtf8() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write("email;name\r\n".getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; i < 400; i++) {
      bytes.write(
          ("user" + i + "@example.com;Ivan Petrenko\r\n").getBytes(StandardCharsets.US_ASCII));
    }
    // "Пі" happens to be a valid UTF-8 sequence in windows-1251; the rest of the file is not.
    bytes.write("olena@example.com;Підгірна Олена\r\n".getBytes(Imports.WINDOWS_1251));
    bytes.write("ivan@example.com;Іван Їжакевич\r\n".getBytes(Imports.WINDOWS_1251));
    Path file = Files.write(dir.resolve("late.csv"), bytes.toByteArray());
    assertThat(bytes.size()).isGreaterThan(8192);

    Imports read = Imports.read(file, "late.csv");

    assertThat(read.summary.encoding()).isEqualTo("windows-1251");
    assertThat(read.rejects()).isEmpty();
    assertThat(read.contacts())
        .filteredOn(c -> c.rowNumber() > 401)
        .extracting(ParsedContact::rowNumber, ParsedContact::name)
        .containsExactly(tuple(402L, "Підгірна Олена"), tuple(403L, "Іван Їжакевич"));
  }

  @Test
  void utf8WhoseCyrillicStartsAfterTheFirstKilobytesStaysUtf8() throws Exception {
    StringBuilder text = new StringBuilder("email;name\n");
    for (int i = 0; i < 400; i++) {
      text.append("user").append(i).append("@example.com;Ivan Petrenko\n");
    }
    text.append("olena@example.com;Підгірна Олена\n");
    Path file = write("late.csv", text.toString());

    Imports read = Imports.read(file, "late.csv");

    assertThat(read.summary.encoding()).isEqualTo("UTF-8");
    assertThat(read.contacts().getLast().name()).isEqualTo("Підгірна Олена");
  }

  @Test
  void txtDigitsInColumnsAreNotGluedIntoPhones() throws Exception {
    Path dump =
        write(
            "dump.txt",
            """
            00000000  50 4b 03 04 14 00 06 00  08 00 00 00 21 00 62 ee  |PK..........!.b.|
            00000020  0a 38 06 71 23 45 67 89  05 01 11 22 33 00 00 00  |.8.q#Eg..."3...|
            38 06 71 23 45 67 ab
            12 34 56 78 90 ab
            06 71 23 45 67
            0.67 1.23 45 67
            1/2 0.5 3/4 0.75
            """);

    assertThatThrownBy(() -> Imports.read(dump, "dump.txt"))
        .isInstanceOf(FileRefusedException.class)
        .hasMessage(
            "no row has an email address or a phone number, so this does not look like a contact"
                + " list (row 1: digits outside an email or phone number ('4b'))");
  }

  @Test
  void txtPhonesWrittenAsPhonesAreKeptAndColumnsOfDigitsRejectedWithAReason() throws Exception {
    Path file =
        write(
            "phones.txt",
            """
            +380 67 123 45 67
            (067) 123-45-67
            0671234567
            Олена 067 123 45 67
            38 06 71 23 45 67 ab
            06 71 23 45 67
            Іван 1/2 ivan@example.com
            """);

    Imports read = Imports.read(file, "phones.txt");

    assertThat(read.contacts())
        .extracting(ParsedContact::rowNumber, ParsedContact::name)
        .containsExactly(tuple(1L, ""), tuple(2L, ""), tuple(3L, ""), tuple(4L, "Олена"));
    assertThat(read.rejects())
        .extracting(RejectedRow::rowNumber, RejectedRow::reason)
        .containsExactly(
            tuple(5L, "digits in columns ('38 06 71 23 45 67'), not one phone number"),
            tuple(6L, "digits in columns ('06 71 23 45 67'), not one phone number"),
            tuple(7L, "digits outside an email or phone number ('1/2')"));
  }

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }
}
