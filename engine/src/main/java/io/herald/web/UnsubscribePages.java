package io.herald.web;

import io.javalin.http.Context;

/**
 * The unsubscribe pages of email links ({@code /u/}) and SMS short links ({@code /s/}) alike: the
 * question with its button, and the answer (done now, or done before), each saying whose list it is
 * — the account's company and the list's consent statement (R4), when known — so a recipient
 * recognises the sender by more than an address.
 */
final class UnsubscribePages {
  private UnsubscribePages() {}

  /** The page that asks: {@code questionHtml} and a button that POSTs back to the same URL. */
  static void question(Context ctx, PageTexts texts, MessageOrigin origin, String questionHtml) {
    PublicPages.page(
        ctx,
        200,
        texts.lang(),
        texts.get("unsubscribe.title"),
        "<h1>"
            + texts.html("unsubscribe.heading")
            + "</h1><p class=\"question\">"
            + questionHtml
            + "</p>\n"
            + whose(texts, origin)
            // No action: the form posts back to this very URL, wherever tracking.baseUrl puts it.
            + "<form method=\"post\"><input type=\"hidden\" name=\"confirm\" value=\"yes\">"
            + "<button type=\"submit\">"
            + texts.html("unsubscribe.button")
            + "</button></form>");
  }

  /** The page that says the reader is unsubscribed, {@code answerHtml} saying what it means. */
  static void answer(Context ctx, PageTexts texts, MessageOrigin origin, String answerHtml) {
    PublicPages.page(
        ctx,
        200,
        texts.lang(),
        texts.get("unsubscribed.title"),
        "<h1>"
            + texts.html("unsubscribed.heading")
            + "</h1><p class=\"answer\">"
            + answerHtml
            + "</p>\n"
            + whose(texts, origin));
  }

  /** {@code text} escaped, in bold (a value the page names: an address, a sender). */
  static String strong(String text) {
    return "<strong>" + PublicPages.escape(text) + "</strong>";
  }

  private static String whose(PageTexts texts, MessageOrigin origin) {
    String company =
        origin
            .company()
            .map(name -> "<p class=\"whose\">" + texts.html("whose.company", strong(name)) + "</p>")
            .orElse("");
    String consent =
        origin
            .consent()
            .map(
                statement ->
                    "<p class=\"consent\">"
                        + texts.html(
                            "whose.consent", "<q>" + PublicPages.escape(statement) + "</q>")
                        + "</p>")
            .orElse("");
    return company + consent + "\n";
  }
}
