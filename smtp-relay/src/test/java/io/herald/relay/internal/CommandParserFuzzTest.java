package io.herald.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the command parser with Jazzer. Invariants: whatever the line, the parser returns a
 * command or throws its own {@link SyntaxException}, nothing else; and a line holding CR, LF or NUL
 * is never accepted. The seed corpus lives in {@code CommandParserFuzzTestInputs}.
 */
class CommandParserFuzzTest {

  private static final String[] PREFIXES = {
    "", "MAIL FROM:", "RCPT TO:", "MAIL FROM:<", "RCPT TO:<", "EHLO ", "AUTH ", "HELO "
  };

  @FuzzTest(maxDuration = "20s")
  void parserIsTotal(FuzzedDataProvider data) {
    // The session decodes command bytes as ISO-8859-1, so every byte value can reach the parser.
    String line =
        data.pickValue(PREFIXES)
            + new String(data.consumeRemainingAsBytes(), StandardCharsets.ISO_8859_1);
    checkInvariants(line);
  }

  static void checkInvariants(String line) {
    Command command;
    try {
      command = CommandParser.parse(line);
    } catch (SyntaxException refused) {
      assertThat(refused.reply().code()).isBetween(500, 599);
      return;
    }
    assertThat(line).doesNotContain("\r").doesNotContain("\n").doesNotContain("\0");
    assertThat(command.toString()).doesNotContain("\r").doesNotContain("\n").doesNotContain("\0");
  }
}
