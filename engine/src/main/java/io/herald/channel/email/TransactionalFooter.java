package io.herald.channel.email;

import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * The footer every transactional copy carries (R3): who sent it to whom, and the unsubscribe link,
 * at the end of the text and of the HTML body. The HTML footer is the campaigns' (placed after
 * parsing, styles that cannot be hidden); links are left as the sender wrote them, since a
 * transactional message is neither click- nor open-tracked.
 */
record TransactionalFooter(String statement, String unsubscribeUrl) {

  /** The statement for one copy, e.g. "This message was sent to ann@x.example by Shop." */
  static TransactionalFooter of(String recipient, String sender, String unsubscribeUrl) {
    return new TransactionalFooter(
        "This message was sent to " + recipient + " by " + sender + ".", unsubscribeUrl);
  }

  String text(String body) {
    String stripped = body.strip();
    return (stripped.isEmpty() ? "" : stripped + "\n\n")
        + "-- \n"
        + statement
        + "\nUnsubscribe: "
        + unsubscribeUrl
        + "\n";
  }

  String html(String page) {
    Document document = Jsoup.parse(page);
    document.outputSettings().prettyPrint(false).charset(StandardCharsets.UTF_8);
    HtmlBody.appendFooter(document.body(), statement, unsubscribeUrl);
    return document.outerHtml();
  }

  /** Line ends as SMTP and the DKIM body hash want them. */
  static String crlf(String text) {
    return text.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
  }
}
