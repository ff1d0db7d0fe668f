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
    PublicPages.page(
        ctx,
        200,
        "Report spam",
        "<h1>Report a message as spam</h1><p>Paste the message's headers (\"show original\" in most"
            + " mail programs), or any link from it. We find which sender and campaign it came"
            + " from, stop that sender from mailing you, and count your report against the"
            + " campaign.</p><form method=\"post\" action=\"/report\"><p><textarea name=\"evidence\""
            + " rows=\"12\" cols=\"60\" required></textarea></p><p><button type=\"submit\">Report"
            + " spam</button></p></form>");
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
    if (!recorded) {
      PublicPages.page(
          ctx,
          400,
          "Not a message we sent",
          "<h1>We could not find one of our messages in that</h1><p>Paste the full headers of the"
              + " message, or a link from it, exactly as they are. Nothing was recorded.</p>"
              + "<p><a href=\"/report\">Try again</a></p>");
      return;
    }
    PublicPages.page(
        ctx,
        200,
        "Thank you",
        "<h1>Thank you, your report is recorded</h1><p>This sender will not mail this address"
            + " through Herald again, and the campaign is reviewed.</p>");
  }
}
