package io.herald.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The one-pass blank-line collapse does exactly what the regex it replaced did. */
class CollapseBlankLinesTest {
  private static final Pattern BLANK_LINES = Pattern.compile("\n(?:[ \t]*\n){2,}");

  @Test
  void agreesWithTheRegexOnRandomText() {
    SplittableRandom random = new SplittableRandom(11);
    String[] pieces = {"\n", "\n", " ", "\t", "a", "b c", "\r\n"};
    for (int round = 0; round < 2000; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(40); i > 0; i--) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      String t = text.toString();
      assertThat(CompiledTemplate.collapseBlankLines(t))
          .as(t.replace("\n", "\\n").replace("\t", "\\t"))
          .isEqualTo(BLANK_LINES.matcher(t).replaceAll("\n\n"));
    }
  }
}
