package io.herald.web.pages;

import io.herald.account.Account;
import io.herald.account.AccountEvent;
import io.herald.account.AccountId;
import io.herald.account.AccountStore;
import io.herald.account.Membership;
import io.herald.account.Refusal;
import io.herald.account.User;
import io.herald.account.UserLinks;
import io.herald.account.UserLinks.Purpose;
import io.herald.account.Users;
import io.herald.campaign.Campaign;
import io.herald.campaign.CampaignState;
import io.herald.campaign.CampaignStore;
import io.herald.web.Problem;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Each role's home, the foundation later pages build on: an account's dashboard (its recent
 * campaigns) for its owner and members, the owner's invitation of members, and the staff pages —
 * the staff home and the list of accounts, which support and administrators may read and reviewers
 * may not ({@link Access}).
 */
final class HomeRoutes {
  private static final int RECENT = 10;
  private static final DateTimeFormatter SHOWN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final Pages pages;
  private final Users users;
  private final UserLinks links;
  private final AccountStore accounts;
  private final CampaignStore campaigns;
  private final UserMail mail;
  private final String baseUrl;
  private final Duration invitationValidFor;
  private final Clock clock;

  HomeRoutes(
      Pages pages,
      Users users,
      UserLinks links,
      AccountStore accounts,
      CampaignStore campaigns,
      UserMail mail,
      String baseUrl,
      Duration invitationValidFor,
      Clock clock) {
    this.pages = pages;
    this.users = users;
    this.links = links;
    this.accounts = accounts;
    this.campaigns = campaigns;
    this.mail = mail;
    this.baseUrl = baseUrl;
    this.invitationValidFor = invitationValidFor;
    this.clock = clock;
  }

  void register(Javalin app) {
    app.get("/app/accounts/{account}", this::dashboard);
    app.get("/app/accounts/{account}/invite", ctx -> invitePage(ctx, 200, Map.of()));
    app.post("/app/accounts/{account}/invite", this::invite);
    app.get("/app/staff", this::staff);
    app.get("/app/staff/accounts", this::accountList);
  }

  private void dashboard(Context ctx) {
    AccountId id = accountId(ctx);
    User user = Access.ofAccount(ctx, id);
    Account account = accounts.find(id).orElseThrow(() -> Problem.notFound("no such account"));
    Texts t = Pages.viewer(ctx).texts();
    List<Map<String, String>> recent =
        campaigns.list(id, Optional.empty(), RECENT).items().stream()
            .map(c -> campaignRow(c, t))
            .toList();
    Map<String, Object> model = new HashMap<>();
    model.put("accountName", account.name());
    model.put("accountId", id.value());
    model.put("campaigns", recent);
    model.put("hasCampaigns", !recent.isEmpty());
    model.put(
        "owner",
        user.membership() instanceof Membership.OfAccount a
            && a.accountRole() == Membership.AccountRole.OWNER);
    pages.render(ctx, 200, Pages.viewer(ctx), "dashboard", t.get("dashboard_title"), model);
  }

  private static Map<String, String> campaignRow(Campaign c, Texts t) {
    return Map.of(
        "subject", c.subject().isEmpty() ? "—" : c.subject(),
        "channel", c.channel().name().toLowerCase(Locale.ROOT),
        "list", c.listName(),
        "state", t.get("state_" + stateName(c.state())),
        "created", c.createdAt().toString(),
        "createdShown", SHOWN.format(c.createdAt()));
  }

  private static String stateName(CampaignState state) {
    return switch (state) {
      case CampaignState.Draft d -> "draft";
      case CampaignState.Sending s -> "sending";
      case CampaignState.Paused p -> "paused";
      case CampaignState.Held h -> "held";
      case CampaignState.Rejected r -> "rejected";
      case CampaignState.Completed c -> "completed";
      case CampaignState.Cancelled c -> "cancelled";
    };
  }

  private void invite(Context ctx) {
    AccountId id = accountId(ctx);
    User owner = Access.owner(ctx, id);
    Account account = accounts.find(id).orElseThrow(() -> Problem.notFound("no such account"));
    Texts t = Pages.viewer(ctx).texts();
    User invited;
    try {
      invited =
          users.add(
              ctx.formParam("email"),
              new Membership.OfAccount(id, Membership.AccountRole.MEMBER),
              owner.language());
    } catch (Refusal refusal) {
      boolean taken = refusal.kind() == Refusal.Kind.CONFLICT;
      invitePage(
          ctx, taken ? 409 : 400, Map.of("problem", t.get(taken ? "invite_taken" : "bad_email")));
      return;
    }
    accounts.audit(
        id,
        new AccountEvent(
            clock.instant(), "user_invited", "user:" + owner.email(), invited.email()));
    mail.invitation(
        invited,
        account.name(),
        baseUrl + "/app/invitation/" + links.issue(Purpose.INVITATION, invited, invitationValidFor),
        links.expiry(invitationValidFor));
    invitePage(ctx, 200, Map.of("invited", invited.email()));
  }

  private void invitePage(Context ctx, int status, Map<String, String> outcome) {
    AccountId id = accountId(ctx);
    Access.owner(ctx, id);
    Pages.Viewer viewer = Pages.viewer(ctx);
    Map<String, Object> model = new HashMap<>(outcome);
    model.put("accountId", id.value());
    model.putIfAbsent("invited", null);
    model.putIfAbsent("problem", null);
    pages.render(ctx, status, viewer, "invite", viewer.texts().get("invite_heading"), model);
  }

  private void staff(Context ctx) {
    User user = Access.staff(ctx);
    Pages.Viewer viewer = Pages.viewer(ctx);
    pages.render(
        ctx,
        200,
        viewer,
        "staff",
        viewer.texts().get("staff_heading"),
        Map.of(
            "canReadAccounts", Access.allows(user.membership(), Access.Permission.READ_ACCOUNTS)));
  }

  private void accountList(Context ctx) {
    Access.staff(ctx, Access.Permission.READ_ACCOUNTS);
    Pages.Viewer viewer = Pages.viewer(ctx);
    Texts t = viewer.texts();
    List<Map<String, String>> rows =
        accounts.all().stream()
            .map(
                a ->
                    Map.of(
                        "name",
                        a.name(),
                        "id",
                        a.id().value(),
                        "state",
                        t.get(a.frozen().isPresent() ? "account_frozen" : "account_active")))
            .toList();
    pages.render(ctx, 200, viewer, "accounts", t.get("accounts_heading"), Map.of("accounts", rows));
  }

  private static AccountId accountId(Context ctx) {
    try {
      return new AccountId(ctx.pathParam("account"));
    } catch (IllegalArgumentException notAnId) {
      throw Problem.notFound("no such account");
    }
  }
}
