package io.herald.web;

import io.herald.feedback.FeedbackParser;
import io.herald.feedback.InboundFeedback;
import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * The public spam-report form (R8): anyone who got a message from Herald pastes its headers, a link
 * from it or its token, and the message's sender gets a complaint against that campaign and contact
 * (which is suppressed at once and counted by the canary). Only a reference signed with Herald's
 * key counts, so nobody can report a message that was never sent, or someone else's contact, by
 * typing an address. The page works without JavaScript.
 */
final class SpamReportRoutes {
  static final int MAX_EVIDENCE = 256 * 1024;

  private final FeedbackParser parser;
  private final InboundFeedback inbound;

  SpamReportRoutes(FeedbackParser parser, InboundFeedback inbound) {
    this.parser = parser;
    this.inbound = inbound;
  }

  void register(Javalin app) {
    app.get("/report", this::form);
    app.post("/report", this::report);
  }

  private void form(Context ctx) {
    PageTexts texts = PageTexts.of(ctx);
    PublicPages.page(
        ctx,
        200,
        texts.lang(),
        texts.get("report.title"),
        "<h1>"
            + texts.html("report.heading")
            + "</h1><p>"
            + texts.html("report.text")
            + "</p><form method=\"post\" action=\"/report\"><label for=\"evidence\">"
            + texts.html("report.label")
            + "</label><textarea id=\"evidence\" name=\"evidence\" rows=\"12\" required>"
            + "</textarea><p><button type=\"submit\">"
            + texts.html("report.button")
            + "</button></p></form>");
  }

  private void report(Context ctx) {
    String evidence = PublicPages.formField(ctx, "evidence").orElse("");
    if (evidence.length() > MAX_EVIDENCE) {
      evidence = evidence.substring(0, MAX_EVIDENCE);
    }
    boolean recorded =
        parser
            .referenceIn(evidence)
            .map(ref -> inbound.complain(ref, "form").outcome().equals("complaint"))
            .orElse(false);
    PageTexts texts = PageTexts.of(ctx);
    String page = recorded ? "report.done" : "report.unknown";
    PublicPages.page(
        ctx,
        recorded ? 200 : 400,
        texts.lang(),
        texts.get(page + ".title"),
        "<h1>"
            + texts.html(page + ".heading")
            + "</h1><p>"
            + texts.html(page + ".text")
            + "</p>"
            + (recorded
                ? ""
                : "<p><a href=\"/report\">" + texts.html("report.again") + "</a></p>"));
  }
}
