package io.herald.web;

import io.herald.account.AccountEvent;
import io.herald.account.AccountId;
import io.herald.account.AccountStore;
import io.herald.account.Membership;
import io.herald.account.Refusal;
import io.herald.account.User;
import io.herald.account.UserLinks;
import io.herald.account.Users;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The administrator adds the people who sign in to the pages: the first staff administrator, and
 * the first owner of an account (who then invites members from the pages). The answer carries a
 * link to set the password (an invitation link, once, for {@code http.signIn.invitationValidFor}),
 * which {@code herald user add} prints: no password travels or is chosen by anyone but its user.
 */
final class UserAdminRoutes {
  private final Auth auth;
  private final Users users;
  private final UserLinks links;
  private final AccountStore accounts;
  private final String baseUrl;
  private final Duration validFor;
  private final Clock clock;

  UserAdminRoutes(
      Auth auth,
      Users users,
      UserLinks links,
      AccountStore accounts,
      String baseUrl,
      Duration validFor,
      Clock clock) {
    this.auth = auth;
    this.users = users;
    this.links = links;
    this.accounts = accounts;
    this.baseUrl = baseUrl;
    this.validFor = validFor;
    this.clock = clock;
  }

  /** Request body: {@code role} owner, member, reviewer, support or admin. */
  record AddUser(String email, String role, Optional<String> account, Optional<String> language) {}

  void register(Javalin app) {
    app.post("/api/admin/users", this::add);
  }

  private void add(Context ctx) throws Refusal {
    auth.admin(ctx);
    AddUser request = JsonBodies.read(ctx, AddUser.class);
    Optional<AccountId> account = request.account().map(UserAdminRoutes::accountId);
    Membership membership;
    try {
      membership = Membership.of(request.role(), account);
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest(e.getMessage());
    }
    if (account.isPresent() && accounts.find(account.get()).isEmpty()) {
      throw Problem.notFound("no account " + account.get());
    }
    User user = users.add(request.email(), membership, request.language().orElse("uk"));
    account.ifPresent(
        a ->
            accounts.audit(
                a, new AccountEvent(clock.instant(), "user_added", "admin", user.email())));
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", user.id().value());
    view.put("email", user.email());
    view.put("role", membership.role());
    view.put("account", account.map(AccountId::value).orElse(null));
    view.put("language", user.language());
    view.put(
        "passwordLink",
        baseUrl + "/app/invitation/" + links.issue(UserLinks.Purpose.INVITATION, user, validFor));
    view.put("linkExpiresAt", links.expiry(validFor).toString());
    ctx.status(201).json(view);
  }

  private static AccountId accountId(String value) {
    try {
      return new AccountId(value);
    } catch (IllegalArgumentException e) {
      throw Problem.notFound("no account " + value);
    }
  }
}
