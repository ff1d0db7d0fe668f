package io.herald.channel.email;

import static io.herald.channel.email.Mail.ACCOUNT;
import static io.herald.channel.email.Mail.CAMPAIGN;
import static io.herald.channel.email.Mail.CONSENT;
import static io.herald.channel.email.Mail.SIGNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.tracking.AddressEncodings;
import io.herald.tracking.TrackingToken;
import io.herald.tracking.VerpAddress;
import io.herald.tracking.VerpToken;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** Every composed message is personalised, tracked and carries the opt-out Herald guarantees. */
class EmailComposerTest {
  final EmailComposer composer = Mail.composer();

  MimeMessage compose(String html) throws Exception {
    return Mail.parse(composer.compose(Mail.template("Hi {{name}}", html), Mail.to(Mail.ann())));
  }

  static String unsubscribeUrl() {
    return Mail.URLS.unsubscribePage(
        new TrackingToken.Unsubscribe(ACCOUNT, CAMPAIGN, "e:ann@example.org"));
  }

  static void assertFooters(MimeMessage message) throws Exception {
    Document html = Jsoup.parse(Mail.html(message));
    Element footer = html.body().children().get(html.body().childrenSize() - 2);
    assertThat(footer.className()).isEqualTo("herald-footer");
    assertThat(footer.parent()).isEqualTo(html.body());
    assertThat(footer.text()).contains(CONSENT).contains("Unsubscribe");
    assertThat(footer.attr("style"))
        .contains("display:block !important")
        .doesNotContain("font-family");
    assertThat(footer.select("a").attr("href")).isEqualTo(unsubscribeUrl());
    String text = Mail.text(message);
    assertThat(text).endsWith(CONSENT + "\nUnsubscribe: " + unsubscribeUrl() + "\n");
  }

  @Test
  void noLinkPixelOrReturnAddressOfAMessageCarriesTheRecipientsAddress() throws Exception {
    OutgoingEmail email =
        composer.compose(
            Mail.template("Hi", "<p><a href=\"https://shop.ua/?for={{email}}\">shop</a></p>"),
            Mail.to(Mail.ann()));
    MimeMessage message = Mail.parse(email);
    List<String> references = new ArrayList<>();
    java.util.regex.Matcher herald =
        java.util.regex.Pattern.compile("https://t\\.example\\.com/[^\"\\s>]+")
            .matcher(Mail.html(message) + " " + Mail.text(message));
    while (herald.find()) {
      references.add(herald.group());
    }
    references.add(message.getHeader("List-Unsubscribe", null));
    references.add(email.envelopeFrom());
    assertThat(references).hasSizeGreaterThanOrEqualTo(6);
    for (String reference : references) {
      assertThat(AddressEncodings.foundIn(reference, "ann@example.org")).as(reference).isNull();
    }
  }

  @Test
  void footersAreAddedWhenTheTemplateHasNoPlaceholder() throws Exception {
    assertFooters(compose("<html><body><p>Sale!</p></body></html>"));
  }

  @Test
  void footersStayVisibleWhenTheTemplateHidesItsOwnLink() throws Exception {
    MimeMessage message =
        compose(
            "<body><p>Sale</p><div style=\"display:none\"><a href=\"{{unsubscribe_url}}\">x</a>"
                + "</div><div style='display:none'>never closed");
    assertFooters(message);
    Element footer = Jsoup.parse(Mail.html(message)).selectFirst("div.herald-footer");
    for (Element ancestor : footer.parents()) {
      assertThat(ancestor.attr("style")).doesNotContain("display:none");
    }
  }

  @Test
  void footersAreAddedToATemplateWithoutBody() throws Exception {
    MimeMessage message = compose("Just a line for {{name}}");
    assertFooters(message);
    assertThat(Mail.html(message)).contains("Just a line for Ann Lee");
  }

  @Test
  void webLinksAreRewrittenToSignedClickUrlsButNotMailtoAnchorsOrTheUnsubscribeLink()
      throws Exception {
    MimeMessage message =
        compose(
            "<a href=\"https://shop.example.com/sale?a=1&amp;b=2\">Sale</a>"
                + "<a href=\"HTTP://old.example.com\">Old</a>"
                + "<a href=\"mailto:help@shop.example.com\">Mail us</a>"
                + "<a href=\"tel:+380441234567\">Call</a>"
                + "<a href=\"#top\">Top</a>"
                + "<a href=\"{{unsubscribe_url}}\">Leave</a>");
    List<String> hrefs = new ArrayList<>();
    Jsoup.parse(Mail.html(message)).select("a").forEach(a -> hrefs.add(a.attr("href")));
    assertThat(hrefs.get(0)).startsWith("https://t.example.com/t/c/");
    String token = hrefs.get(0).substring(hrefs.get(0).lastIndexOf('/') + 1);
    assertThat(SIGNER.verify(token))
        .contains(
            new TrackingToken.Click(
                ACCOUNT,
                CAMPAIGN,
                "e:ann@example.org",
                "https://shop.example.com/sale?a=1&b=2",
                Mail.CLOCK.instant()));
    assertThat(hrefs.get(1)).startsWith("https://t.example.com/t/c/");
    assertThat(hrefs.subList(2, 6))
        .containsExactly(
            "mailto:help@shop.example.com", "tel:+380441234567", "#top", unsubscribeUrl());
  }

  @Test
  void anOpenPixelIsTheLastElementOfTheBody() throws Exception {
    Document html = Jsoup.parse(Mail.html(compose("<p>Hello</p>")));
    Element pixel = html.body().children().last();
    assertThat(pixel.tagName()).isEqualTo("img");
    assertThat(pixel.attr("width")).isEqualTo("1");
    assertThat(pixel.attr("height")).isEqualTo("1");
    assertThat(pixel.attr("alt")).isEmpty();
    String src = pixel.attr("src");
    assertThat(src).startsWith("https://t.example.com/t/o/").endsWith(".gif");
    String token = src.substring("https://t.example.com/t/o/".length(), src.length() - 4);
    assertThat(SIGNER.verify(token))
        .contains(
            new TrackingToken.Open(ACCOUNT, CAMPAIGN, "e:ann@example.org", Mail.CLOCK.instant()));
  }

  @Test
  void theTextPartIsDerivedFromTheHtmlWhenTheTemplateHasNone() throws Exception {
    MimeMessage message =
        compose(
            "<h1>Spring sale</h1><p>Dear {{name}},<br>see <a href=\"https://x.ua/s\">offers</a>.</p>");
    assertThat(message.getContentType()).startsWith("multipart/alternative");
    MimeMultipart parts = (MimeMultipart) message.getContent();
    assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain").contains("UTF-8");
    assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html").contains("UTF-8");
    assertThat(Mail.text(message))
        .startsWith("Spring sale\n\nDear Ann Lee,\nsee offers (https://x.ua/s).\n\n" + CONSENT);
  }

  @Test
  void theDerivedTextPartShowsValuesAsWrittenAndKeepsSections() throws Exception {
    var content =
        new EmailContent(
            "Hi",
            "<p>Dear {{name}}</p>{{#vip}}<p>VIP {{vip}}</p>{{/vip}}{{^vip}}<p>Regular</p>{{/vip}}",
            java.util.Optional.empty());
    var recipient =
        new Recipient(
            "e:tom@example.org", 7, "tom@example.org", "Tom & Jerry <x>", java.util.Map.of());
    MimeMessage message =
        Mail.parse(composer.compose(CompiledTemplate.compile(content), Mail.to(recipient)));
    assertThat(Mail.text(message)).startsWith("Dear Tom & Jerry <x>\n\nRegular");
    assertThat(Mail.html(message)).contains("Dear Tom &amp; Jerry &lt;x&gt;");
  }

  @Test
  void theTemplatesTextPartIsUsedWhenGiven() throws Exception {
    var content =
        new EmailContent("Hi", "<p>html</p>", java.util.Optional.of("Plain for {{name}}"));
    MimeMessage message =
        Mail.parse(composer.compose(CompiledTemplate.compile(content), Mail.to(Mail.ann())));
    assertThat(Mail.text(message)).startsWith("Plain for Ann Lee\n\n" + CONSENT);
  }

  @Test
  void listUnsubscribeOneClickAndFeedbackIdHeadersArePresent() throws Exception {
    MimeMessage message = compose("<p>x</p>");
    String listUnsubscribe = message.getHeader("List-Unsubscribe", null).replaceAll("\\s+", " ");
    String mailbox = Mail.URLS.unsubscribeMailbox(new VerpToken(ACCOUNT, CAMPAIGN, 42));
    assertThat(listUnsubscribe).isEqualTo("<" + unsubscribeUrl() + ">, <mailto:" + mailbox + ">");
    assertThat(message.getHeader("List-Unsubscribe-Post"))
        .containsExactly("List-Unsubscribe=One-Click");
    assertThat(message.getHeader("Feedback-ID"))
        .containsExactly(CAMPAIGN + ":" + ACCOUNT + ":herald");
  }

  @Test
  void senderSubjectDateAndMessageIdHeaders() throws Exception {
    OutgoingEmail email =
        composer.compose(Mail.template("Привіт, {{name}}!", "<p>x</p>"), Mail.to(Mail.ann()));
    MimeMessage message = Mail.parse(email);
    InternetAddress from = (InternetAddress) message.getFrom()[0];
    assertThat(from.getAddress()).isEqualTo("news@shop.example.com");
    assertThat(from.getPersonal()).isEqualTo("Квіти Shop");
    assertThat(message.getHeader("From", null)).contains("=?UTF-8?");
    assertThat(message.getReplyTo()[0].toString()).isEqualTo("help@shop.example.com");
    assertThat(message.getSubject()).isEqualTo("Привіт, Ann Lee!");
    assertThat(message.getHeader("Subject", null)).startsWith("=?UTF-8?");
    assertThat(message.getSentDate().toInstant()).isEqualTo(Mail.CLOCK.instant());
    assertThat(message.getMessageID()).isEqualTo(email.messageId());
    assertThat(email.messageId()).matches("<[^@<>\\s]+@m\\.example\\.com>");
  }

  @Test
  void theMessageIsWellFormedMimeWithCrlfLinesAndOneBoundary() throws Exception {
    String subject = "Вітаємо, {{name}}! " + "Дуже довга тема листа ".repeat(8);
    OutgoingEmail email =
        composer.compose(Mail.template(subject, "<p>Привіт</p>"), Mail.to(Mail.ann()));
    String raw = new String(email.rfc822(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(raw.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
    for (String line : raw.split("\r\n")) {
      assertThat(line.length()).as(line).isLessThanOrEqualTo(998); // RFC 5322's limit
    }
    String folded = raw.substring(raw.indexOf("\r\nSubject: ") + 2);
    folded = folded.substring(0, folded.indexOf("\r\n", folded.indexOf("\r\n") + 2));
    assertThat(folded.lines()).hasSizeGreaterThan(1).allMatch(line -> line.length() <= 78);
    MimeMessage message = Mail.parse(email);
    assertThat(message.getHeader("MIME-Version", null)).isEqualTo("1.0");
    assertThat(message.getSubject()).startsWith("Вітаємо, Ann Lee! Дуже довга тема");
    MimeMultipart alternative = (MimeMultipart) message.getContent();
    assertThat(alternative.getContentType()).startsWith("multipart/alternative");
    assertThat(alternative.getCount()).isEqualTo(2);
    assertThat(alternative.getBodyPart(0).getContentType()).isEqualTo("text/plain; charset=UTF-8");
    assertThat(alternative.getBodyPart(1).getContentType()).isEqualTo("text/html; charset=UTF-8");
    String boundary = raw.substring(raw.indexOf("boundary=\"") + 10, raw.indexOf("\"\r\n\r\n"));
    assertThat(raw.split("\r\n--" + java.util.regex.Pattern.quote(boundary), -1)).hasSize(4);
    assertThat(raw).endsWith("\r\n--" + boundary + "--\r\n");
  }

  @Test
  void theEnvelopeSenderIsASignedVerpAddressForTheRecipient() throws Exception {
    OutgoingEmail email = composer.compose(Mail.template("Hi", "<p>x</p>"), Mail.to(Mail.ann()));
    assertThat(email.recipient()).isEqualTo("ann@example.org");
    assertThat(email.envelopeFrom()).startsWith("bounces+").endsWith("@bounces.example.com");
    assertThat(VerpAddress.parse(email.envelopeFrom(), SIGNER))
        .contains(new VerpToken(ACCOUNT, CAMPAIGN, 42));
    assertThat(email.envelope().mailFrom()).isEqualTo(email.envelopeFrom());
    assertThat(email.envelope().rcptTo()).isEqualTo("ann@example.org");
  }

  @Test
  void aContactValueCannotInjectAHeader() throws Exception {
    var eve =
        new Recipient(
            "e:eve@example.org",
            1,
            "eve@example.org",
            "Eve\r\nBcc: victim@example.com",
            Map.of("city", "Lviv\nX-Evil: 1"));
    OutgoingEmail email =
        composer.compose(Mail.template("Hi {{name}} from {{city}}", "<p>x</p>"), Mail.to(eve));
    MimeMessage message = Mail.parse(email);
    assertThat(message.getHeader("Bcc")).isNull();
    assertThat(message.getHeader("X-Evil")).isNull();
    assertThat(message.getAllRecipients()).hasSize(1);
    assertThat(message.getRecipients(Message.RecipientType.TO)).hasSize(1);
    assertThat(((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress())
        .isEqualTo("eve@example.org");
    assertThat(message.getSubject())
        .isEqualTo("Hi Eve Bcc: victim@example.com from Lviv X-Evil: 1");
    String headerBlock = new String(email.rfc822(), java.nio.charset.StandardCharsets.UTF_8);
    headerBlock = headerBlock.substring(0, headerBlock.indexOf("\r\n\r\n"));
    assertThat(headerBlock).doesNotContainPattern("(?m)^(Bcc|X-Evil):");
  }

  @Test
  void aRecipientAddressWithALineBreakIsRefused() {
    var bad = new Recipient("e:x", 1, "x@example.org\r\nBcc: y@example.org", "X", Map.of());
    assertThatThrownBy(() -> composer.compose(Mail.template("Hi", "x"), Mail.to(bad)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aContactFieldCannotReplaceTheUnsubscribeUrl() throws Exception {
    var sly =
        new Recipient(
            "e:ann@example.org",
            42,
            "ann@example.org",
            "Ann",
            Map.of("unsubscribe_url", "https://evil.example/"));
    MimeMessage message =
        Mail.parse(
            composer.compose(
                Mail.template("Hi", "<a href=\"{{unsubscribe_url}}\">out</a>"), Mail.to(sly)));
    assertThat(Mail.html(message)).doesNotContain("evil.example");
  }

  @Test
  void oneCompiledTemplateGivesDistinctPersonalisedMessages() throws Exception {
    CompiledTemplate template = Mail.template("Hi {{name}}", "<p>Hello {{name}} in {{city}}</p>");
    Set<String> ids = new HashSet<>();
    Set<String> envelopes = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      var recipient =
          new Recipient(
              "e:c" + i + "@example.org",
              i,
              "c" + i + "@example.org",
              "Contact " + i,
              Map.of("city", "City " + i));
      OutgoingEmail email = composer.compose(template, Mail.to(recipient));
      MimeMessage message = Mail.parse(email);
      assertThat(message.getSubject()).isEqualTo("Hi Contact " + i);
      assertThat(Mail.html(message)).contains("Hello Contact " + i + " in City " + i);
      ids.add(email.messageId());
      envelopes.add(email.envelopeFrom());
    }
    assertThat(ids).hasSize(50);
    assertThat(envelopes).hasSize(50);
  }
}
