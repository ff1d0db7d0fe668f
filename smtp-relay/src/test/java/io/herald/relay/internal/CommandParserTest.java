package io.herald.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.relay.Address;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command and path grammar, case by case. */
class CommandParserTest {

  private static Address sender(String line) throws SyntaxException {
    return ((Command.Mail) CommandParser.parse(line)).sender();
  }

  private static Address recipient(String line) throws SyntaxException {
    return ((Command.Rcpt) CommandParser.parse(line)).recipient();
  }

  @Test
  void plainAndNullPaths() throws Exception {
    assertThat(sender("MAIL FROM:<bob@example.org>"))
        .isEqualTo(new Address("bob", "example.org", false));
    assertThat(sender("mail from:<>")).isEqualTo(Address.NULL);
    assertThat(sender("MAIL FROM: <bob@example.org>").domain()).isEqualTo("example.org");
    assertThat(sender("MAIL FROM:<a.b+tag@[192.0.2.1]>").domain()).isEqualTo("[192.0.2.1]");
    assertThat(sender("MAIL FROM:<x@[IPv6:2001:db8::1]>").domain()).isEqualTo("[IPv6:2001:db8::1]");
  }

  @Test
  void quotedLocalParts() throws Exception {
    Address quoted = recipient("RCPT TO:<\"john \\\"jd\\\" doe\"@example.org>");
    assertThat(quoted.localPart()).isEqualTo("john \"jd\" doe");
    assertThat(quoted.quoted()).isTrue();
    assertThat(quoted.mailbox()).isEqualTo("\"john \\\"jd\\\" doe\"@example.org");
    assertThat(recipient("RCPT TO:<\"a@b\"@example.org>").localPart()).isEqualTo("a@b");
  }

  @Test
  void postmasterWithoutDomain() throws Exception {
    assertThat(recipient("RCPT TO:<Postmaster>")).isEqualTo(new Address("Postmaster", "", false));
  }

  @Test
  void routingCharactersAreExposed() throws Exception {
    assertThat(recipient("RCPT TO:<a%b.example@herald.test>").hasRoutingCharacters()).isTrue();
    assertThat(recipient("RCPT TO:<b.example!a@herald.test>").hasRoutingCharacters()).isTrue();
    assertThat(recipient("RCPT TO:<\"a%b\"@herald.test>").hasRoutingCharacters()).isTrue();
    assertThat(recipient("RCPT TO:<plain@herald.test>").hasRoutingCharacters()).isFalse();
  }

  @Test
  void parametersAreUpperCasedKeysWithValues() throws Exception {
    Command.Mail mail =
        (Command.Mail) CommandParser.parse("MAIL FROM:<a@example.org> size=100 body=8BITMIME");
    assertThat(mail.parameters()).isEqualTo(Map.of("SIZE", "100", "BODY", "8BITMIME"));
  }

  @Test
  void authWithAndWithoutInitialResponse() throws Exception {
    assertThat(CommandParser.parse("auth plain AGEAYg=="))
        .isEqualTo(new Command.Auth("PLAIN", Optional.of("AGEAYg==")));
    assertThat(CommandParser.parse("AUTH LOGIN"))
        .isEqualTo(new Command.Auth("LOGIN", Optional.empty()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "MAIL FROM:bob@example.org",
        "MAIL FROM:<bob@example.org",
        "MAIL FROM:<bob>",
        "MAIL FROM:<bob@>",
        "MAIL FROM:<@example.org>",
        "MAIL FROM:<bob@-example.org>",
        "MAIL FROM:<bob@example-.org>",
        "MAIL FROM:<bob@exa_mple.org>",
        "MAIL FROM:<bob..x@example.org>",
        "MAIL FROM:<.bob@example.org>",
        "MAIL FROM:<bob@example.org.>",
        "MAIL FROM:<bob@[300.1.1.1]>",
        "MAIL FROM:<bob@[IPv6:zz::1]>",
        "MAIL FROM:<\"unterminated@example.org>",
        "MAIL FROM:<bob@example.org> SIZE=",
        "MAIL FROM:<bob@example.org> =x",
        "MAIL FROM:<bob@example.org> SIZE=1 SIZE=2",
        "MAIL FROM:<bob@example.org>junk",
        "MAIL TO:<bob@example.org>",
        "MAIL FROM:",
        "RCPT TO:<>",
        "EHLO",
        "EHLO bad(name)",
        "DATA now",
        "AUTH",
        "AUTH PLAIN a b",
        "FOO",
        ""
      })
  void malformedLinesGiveSyntaxErrors(String line) {
    assertThatThrownBy(() -> CommandParser.parse(line))
        .isInstanceOf(SyntaxException.class)
        .satisfies(e -> assertThat(((SyntaxException) e).reply().code()).isBetween(500, 555));
  }

  @Test
  void overLongPartsAreRefused() {
    String local = "a".repeat(65);
    assertThatThrownBy(() -> CommandParser.parse("MAIL FROM:<" + local + "@example.org>"))
        .isInstanceOf(SyntaxException.class);
    String domain = ("a".repeat(60) + ".").repeat(5) + "org";
    assertThatThrownBy(() -> CommandParser.parse("MAIL FROM:<a@" + domain + ">"))
        .isInstanceOf(SyntaxException.class);
  }
}
