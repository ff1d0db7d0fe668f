package io.herald.web;

import io.herald.account.AccountId;
import io.herald.campaign.CampaignId;
import io.herald.campaign.CampaignStore;
import io.herald.campaign.Recipient;
import io.herald.feedback.FeedbackParser;
import io.herald.feedback.MessageRef;
import io.herald.tracking.Engagements;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Optional;

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
  private final CampaignStore campaigns;
  private final Engagements engagements;

  SpamReportRoutes(FeedbackParser parser, CampaignStore campaigns, Engagements engagements) {
    this.parser = parser;
    this.campaigns = campaigns;
    this.engagements = engagements;
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
    String evidence = Optional.ofNullable(ctx.formParam("evidence")).orElse("");
    if (evidence.length() > MAX_EVIDENCE) {
      evidence = evidence.substring(0, MAX_EVIDENCE);
    }
    Optional<Target> target = parser.referenceIn(evidence).flatMap(this::target);
    if (target.isEmpty()) {
      PublicPages.page(
          ctx,
          400,
          "Not a message we sent",
          "<h1>We could not find one of our messages in that</h1><p>Paste the full headers of the"
              + " message, or a link from it, exactly as they are. Nothing was recorded.</p>"
              + "<p><a href=\"/report\">Try again</a></p>");
      return;
    }
    Target t = target.get();
    engagements.complained(t.account(), t.campaign(), t.contactKey(), "form");
    PublicPages.page(
        ctx,
        200,
        "Thank you",
        "<h1>Thank you, your report is recorded</h1><p>This sender will not mail this address"
            + " through Herald again, and the campaign is reviewed.</p>");
  }

  private record Target(AccountId account, CampaignId campaign, String contactKey) {}

  /** The contact a verified reference leads to; empty when the campaign or recipient is gone. */
  private Optional<Target> target(MessageRef ref) {
    AccountId account = new AccountId(ref.accountId());
    CampaignId campaign = new CampaignId(ref.campaignId());
    return switch (ref) {
      case MessageRef.Contact c -> Optional.of(new Target(account, campaign, c.contactKey()));
      case MessageRef.Recipient r ->
          campaigns
              .check(account, campaign, r.token().recipient())
              .recipient()
              .map(Recipient::contactKey)
              .map(key -> new Target(account, campaign, key));
    };
  }
}
