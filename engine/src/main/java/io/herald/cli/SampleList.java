package io.herald.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * A generated contact list for the demo: mostly good Ukrainian contacts, plus the rows a real list
 * always has — malformed addresses, a row with no contact, duplicates, an address the account
 * suppressed, and recipients in blocked jurisdictions — so the demo shows every outcome. And a
 * purchased-looking list, for the canary to catch.
 */
final class SampleList {
  static final String SUPPRESSED = "unsubscribed@example.com";
  static final String NEWSLETTER =
      """
      <html><body style="font-family: Georgia, serif">
      <h1>Привіт, {{name}}!</h1>
      <p>Наші новини для міста {{Місто}}: <a href="https://demo-company.example/news">читати</a>,
      <a href="https://demo-company.example/shop?utm_source=herald">магазин</a>.</p>
      </body></html>
      """;
  static final String OFFER =
      """
      <html><body>
      <h1>Exclusive offer for you!!!</h1>
      <p>Double your sales in 30 days: <a href="https://fast-growth.example/offer">claim now</a>,
      <a href="https://fast-growth.example/pricing">see prices</a>.</p>
      </body></html>
      """;
  private static final List<String> FIRST =
      List.of("Олена", "Андрій", "Марія", "Тарас", "Ірина", "Богдан", "Наталія", "Дмитро");
  private static final List<String> LAST =
      List.of("Шевченко", "Коваленко", "Бондаренко", "Ткаченко", "Мельник", "Кравчук");
  private static final List<String> CITIES = List.of("Київ", "Львів", "Одеса", "Харків", "Дніпро");

  private SampleList() {}

  static Path write(Path file, int rows, long seed) throws IOException {
    Random random = new Random(seed);
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("Ім'я,Електронна пошта,Телефон,Місто\n");
      for (int i = 0; i < rows; i++) {
        String name = pick(FIRST, random) + " " + pick(LAST, random);
        String phone = String.format("+38067%07d", random.nextInt(10_000_000));
        out.write(name + ",user" + i + "@example.com," + phone + "," + pick(CITIES, random) + "\n");
      }
      out.write("Дубль Перший,user1@EXAMPLE.com,,Київ\n");
      out.write("Дубль Другий,user2@example.com,,Львів\n");
      out.write("Без адреси,,,Одеса\n");
      out.write("Погана Адреса,not-an-address,,Харків\n");
      out.write("Дві Собаки,a@@example.com,,Київ\n");
      out.write("Відписаний," + SUPPRESSED + ",,Київ\n");
      out.write("Москва Телефон,,+7 495 123-45-67,\n");
      out.write("Мінськ Пошта,someone@mail.by,,\n");
      out.write("Алмати Телефон,,+7 701 123 4567,Алмати\n");
      out.write("IDN Домен,info@Приклад.укр,,Київ\n");
    }
    return file;
  }

  /**
   * A list that looks bought: role and guessed addresses at many small companies, no names, no
   * consent of their own. Every address is well-formed, so the import takes them all; the audience
   * simulator decides which of them are dead.
   */
  static Path writePurchased(Path file, int rows, long seed) throws IOException {
    List<String> roles = List.of("info", "sales", "office", "contact", "admin", "hr", "director");
    List<String> kinds = List.of("trade", "group", "invest", "logistic", "agro", "build", "tech");
    Random random = new Random(seed);
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("email\n");
      for (int i = 0; i < rows; i++) {
        String local =
            random.nextBoolean() ? pick(roles, random) : "lead" + random.nextInt(1_000_000);
        out.write(local + "@" + pick(kinds, random) + i + ".example.net\n");
      }
    }
    return file;
  }

  private static String pick(List<String> values, Random random) {
    return values.get(random.nextInt(values.size()));
  }
}
