package io.herald.importers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmailAddressTest {

  @Test
  void domainIsLowerCasedAndLocalPartKeptAsWritten() throws Exception {
    EmailAddress email = EmailAddress.parse("  Ivan.Petrenko@Example.COM ");
    assertThat(email.value()).isEqualTo("Ivan.Petrenko@example.com");
    assertThat(email.localPart()).isEqualTo("Ivan.Petrenko");
    assertThat(email.domain()).isEqualTo("example.com");
  }

  @Test
  void idnDomainIsPunycodedAndLowerCased() throws Exception {
    assertThat(EmailAddress.parse("ivan@Приклад.УКР").value())
        .isEqualTo("ivan@xn--80aikifvh.xn--j1amh");
  }

  @Test
  void mailtoAndAngleBracketsAreStripped() throws Exception {
    assertThat(EmailAddress.parse("mailto:<olena@mail.ua>").value()).isEqualTo("olena@mail.ua");
    assertThat(EmailAddress.parse("<olena@mail.ua>").value()).isEqualTo("olena@mail.ua");
  }

  @Test
  void invalidAddressesSayWhy() {
    assertReason("ivan.example.com", "missing @");
    assertReason("ivan@@example.com", "more than one @");
    assertReason("a@b@example.com", "more than one @");
    assertReason("x".repeat(65) + "@example.com", "local part longer than 64 characters");
    assertReason("ivan@localhost", "domain has no dot");
    assertReason("ivan@exa_mple.com", "character '_' is not allowed in the domain");
    assertReason("ivan@-example.com", "domain label starts or ends with a hyphen");
    assertReason("ivan@example..com", "domain has an empty label");
    assertReason(".ivan@example.com", "misplaced dot before @");
    assertReason("iv an@example.com", "contains spaces or control characters");
    assertReason("Іван@приклад.укр", "non-ASCII characters before @ are not supported");
    assertReason("ivan@[192.0.2.1]", "address literals are not accepted");
    assertReason("ivan@" + "a".repeat(64) + ".com", "domain label longer than 63 characters");
  }

  @Test
  void wholeAddressIsLimitedTo254Characters() {
    String domain = ("a".repeat(60) + ".").repeat(4) + "com";
    assertReason("ivan.petrenko@" + domain, "address longer than 254 characters");
  }

  private static void assertReason(String raw, String reason) {
    assertThatThrownBy(() -> EmailAddress.parse(raw))
        .as(raw)
        .isInstanceOf(InvalidAddressException.class)
        .hasMessage(reason);
  }
}
