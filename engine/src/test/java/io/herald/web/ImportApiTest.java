package io.herald.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.testing.Fixtures;
import io.herald.testing.TestNode;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports through the HTTP API, against a real node with its embedded Redis. */
class ImportApiTest {
  @TempDir static Path data;
  static TestNode node;
  String key;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(data);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @BeforeEach
  void account() throws Exception {
    key = node.createAccount("Acme " + System.nanoTime());
  }

  private static List<List<String>> rows(String... lines) {
    return Arrays.stream(lines).map(l -> Arrays.asList(l.split("\\|", -1))).toList();
  }

  @Test
  void aCsvImportReportsEveryOutcomeAndKeepsConsent() throws Exception {
    byte[] csv =
        Fixtures.csv(
            UTF_8,
            rows(
                "name|email|phone|city",
                "Ann|ann@example.com||Kyiv",
                "Bob|bob@example.com|+380671234567|Lviv",
                "Ann again|ANN@example.com||Odesa",
                "Nobody|||",
                "Broken|not-an-email||",
                "Moscow||+7 495 123-45-67|",
                "Minsk|x@mail.by||",
                "Almaty||+7 701 123 4567|"));
    JsonNode job = node.importFile(key, "customers", "customers.csv", csv);

    assertThat(job.get("status").asText()).isEqualTo("completed");
    assertThat(job.get("accepted").asLong()).isEqualTo(3); // Ann, Bob, Almaty (+7 701 is KZ)
    assertThat(job.get("duplicates").asLong()).isEqualTo(1);
    assertThat(job.get("rejected").asLong()).isEqualTo(2);
    assertThat(job.get("blocked").asLong()).isEqualTo(2);
    assertThat(job.get("suppressed").asLong()).isZero();

    JsonNode issues = node.json(node.get("/api/imports/" + job.get("id").asText() + "/rows", key));
    assertThat(issues.get("rows"))
        .extracting(r -> r.get("row").asLong() + " " + r.get("kind").asText())
        .containsExactlyInAnyOrder("5 rejected", "6 rejected", "7 blocked", "8 blocked");

    String export = node.get("/api/lists/customers/contacts", key).body();
    assertThat(export.lines().findFirst().orElseThrow())
        .startsWith("email,phone,name,consent_source,consent_at,consent_statement");
    assertThat(export)
        .contains("ann@example.com,,Ann again,") // merged: the newer name wins
        .contains("import " + job.get("id").asText() + " of customers.csv")
        .contains("+77011234567");
  }

  @Test
  void suppressedContactsAreNotResubscribedByALaterImport() throws Exception {
    HttpResponse<String> suppressed =
        node.post(
            "/api/suppressions",
            key,
            "application/json",
            "{\"email\":\"Gone@Example.com\",\"reason\":\"unsubscribed\"}".getBytes(UTF_8));
    assertThat(suppressed.statusCode()).isEqualTo(201);

    JsonNode job =
        node.importFile(
            key,
            "news",
            "news.csv",
            Fixtures.csv(UTF_8, rows("email", "gone@example.com", "stays@example.com")));

    assertThat(job.get("accepted").asLong()).isEqualTo(1);
    assertThat(job.get("suppressed").asLong()).isEqualTo(1);
    assertThat(node.get("/api/lists/news/contacts", key).body())
        .contains("stays@example.com")
        .doesNotContain("gone@example.com");
  }

  @Test
  void duplicatesAgainstTheListAreMergedNotAdded() throws Exception {
    node.importFile(
        key, "merge", "a.csv", Fixtures.csv(UTF_8, rows("email|name", "a@example.com|A")));
    JsonNode second =
        node.importFile(
            key,
            "merge",
            "b.xlsx",
            Fixtures.xlsx(rows("E-mail|Name", "A@EXAMPLE.COM|Alpha", "b@example.com|Beta")));

    assertThat(second.get("status").asText()).isEqualTo("completed");
    assertThat(second.get("duplicates").asLong()).isEqualTo(1);
    assertThat(second.get("accepted").asLong()).isEqualTo(1);
    JsonNode list = node.json(node.get("/api/lists/merge", key));
    assertThat(list.get("members").asLong()).isEqualTo(2);
  }

  @Test
  void aRefusedFileLeavesTheListExactlyAsItWas() throws Exception {
    node.importFile(
        key,
        "stable",
        "good.csv",
        Fixtures.csv(UTF_8, rows("email", "one@example.com", "two@example.com")));
    String before = node.get("/api/lists/stable/contacts", key).body();

    byte[] xlsx = Fixtures.xlsx(rows("email", "three@example.com", "four@example.com"));
    byte[] truncated = Arrays.copyOf(xlsx, xlsx.length / 2);
    JsonNode refused = node.importFile(key, "stable", "cut.xlsx", truncated);
    JsonNode junk =
        node.importFile(key, "stable", "junk.txt", new byte[] {0, 1, 2, 3, 0, (byte) 0xff, 0, 7});
    JsonNode empty = node.importFile(key, "stable", "empty.csv", new byte[0]);

    assertThat(List.of(refused, junk, empty))
        .allSatisfy(job -> assertThat(job.get("status").asText()).isEqualTo("refused"))
        .allSatisfy(job -> assertThat(job.get("reason").asText()).isNotBlank());
    assertThat(node.get("/api/lists/stable/contacts", key).body()).isEqualTo(before);
  }

  @Test
  void aRefusedFirstImportDoesNotCreateTheList() throws Exception {
    JsonNode refused = node.importFile(key, "never", "empty.txt", new byte[0]);

    assertThat(refused.get("status").asText()).isEqualTo("refused");
    assertThat(node.get("/api/lists/never", key).statusCode()).isEqualTo(404);
  }

  @Test
  void windows1251CyrillicNamesArriveIntact() throws Exception {
    byte[] csv =
        Fixtures.csv(
            java.nio.charset.Charset.forName("windows-1251"),
            rows("Ім'я;Електронна пошта".replace(';', '|'), "Олена Шевченко|olena@example.com"));
    JsonNode job = node.importFile(key, "cyrillic", "ukr.csv", csv);

    assertThat(job.get("status").asText()).isEqualTo("completed");
    assertThat(job.get("encoding").asText()).isEqualToIgnoringCase("windows-1251");
    assertThat(node.get("/api/lists/cyrillic/contacts", key).body()).contains("Олена Шевченко");
  }

  @Test
  void crLfInsideANameNeverReachesTheStoredContact() throws Exception {
    byte[] csv =
        Fixtures.csv(
            UTF_8,
            List.of(
                List.of("name", "email"), List.of("Eve\r\nBcc: x@evil.com", "eve@example.com")));
    node.importFile(key, "crlf", "crlf.csv", csv);

    String export = node.get("/api/lists/crlf/contacts", key).body();
    assertThat(export).contains("Eve Bcc: x@evil.com").doesNotContain("Eve\r\n");
  }

  @Test
  void exportedCellsCannotRunAsSpreadsheetFormulas() throws Exception {
    byte[] csv =
        Fixtures.csv(
            UTF_8, rows("email|name|note", "f@example.com|=HYPERLINK(\"http://evil\")|@SUM(A1)"));
    node.importFile(key, "formula", "f.csv", csv);

    String export = node.get("/api/lists/formula/contacts", key).body();
    assertThat(export).contains("'=HYPERLINK").contains("'@SUM(A1)");
  }

  @Test
  void listsShowNamesAndMemberCounts() throws Exception {
    node.importFile(
        key, "counted", "c.txt", "a@example.com, b@example.com\n+380671234567\n".getBytes(UTF_8));

    JsonNode lists = node.json(node.get("/api/lists", key)).get("lists");
    assertThat(lists).hasSize(1);
    assertThat(lists.get(0).get("name").asText()).isEqualTo("counted");
    assertThat(lists.get(0).get("members").asLong()).isEqualTo(3);
  }

  @Test
  void aWorkbookWhoseFirstSheetIsBlankIsReadFromTheSheetWithRowsAndTheJobNamesIt()
      throws Exception {
    ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
    try (XSSFWorkbook workbook = new XSSFWorkbook()) {
      workbook.createSheet("Sheet1");
      Sheet contacts = workbook.createSheet("Contacts");
      contacts.createRow(0).createCell(0).setCellValue("email");
      contacts.createRow(1).createCell(0).setCellValue("ann@example.com");
      contacts.createRow(2).createCell(0).setCellValue("bob@example.com");
      workbook.write(xlsx);
    }

    JsonNode job = node.importFile(key, "sheets", "list.xlsx", xlsx.toByteArray());

    assertThat(job.get("status").asText()).isEqualTo("completed");
    assertThat(job.get("format").asText()).isEqualTo("XLSX");
    assertThat(job.get("sheet").asText()).isEqualTo("Contacts");
    assertThat(job.get("accepted").asLong()).isEqualTo(2);
  }
}
