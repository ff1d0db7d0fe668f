package io.herald.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The recipients' pages are complete in Ukrainian (R15): every English text has a Ukrainian one
 * with the same placeholders, none is left in English, and neither bundle has a key the other
 * lacks.
 */
class PageBundlesTest {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d}");
  private static final Pattern CYRILLIC = Pattern.compile("\\p{IsCyrillic}");

  private static Properties bundle(String name) throws IOException {
    Properties texts = new Properties();
    try (InputStream in = PageBundlesTest.class.getResourceAsStream("/io/herald/web/" + name)) {
      texts.load(new InputStreamReader(in, UTF_8));
    }
    return texts;
  }

  private static TreeSet<String> placeholders(String text) {
    TreeSet<String> found = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }

  @Test
  void everyEnglishTextHasAUkrainianOneWithTheSamePlaceholders() throws IOException {
    Properties english = bundle("pages.properties");
    Properties ukrainian = bundle("pages_uk.properties");
    assertThat(ukrainian.stringPropertyNames())
        .containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
    for (String key : english.stringPropertyNames()) {
      String uk = ukrainian.getProperty(key);
      assertThat(placeholders(uk)).as(key).isEqualTo(placeholders(english.getProperty(key)));
      if (!key.equals("lang")) {
        assertThat(CYRILLIC.matcher(uk).find()).as(key + " in Ukrainian: " + uk).isTrue();
      }
    }
    assertThat(ukrainian.getProperty("lang")).isEqualTo("uk");
  }
}
