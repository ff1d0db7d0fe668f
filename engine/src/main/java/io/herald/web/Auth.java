package io.herald.web;

import io.herald.account.Account;
import io.herald.account.Accounts;
import io.herald.account.AdminToken;
import io.javalin.http.Context;

/**
 * Who is calling: the administrator (admin token) or an account (its API key), both as {@code
 * Authorization: Bearer …}. Every account route resolves the account here and passes it down, so no
 * route can reach data without naming whose it is.
 */
final class Auth {
  private final Accounts accounts;
  private final AdminToken adminToken;

  Auth(Accounts accounts, AdminToken adminToken) {
    this.accounts = accounts;
    this.adminToken = adminToken;
  }

  Account account(Context ctx) {
    return bearer(ctx).flatMap(accounts::authenticate).orElseThrow(Problem::unauthorized);
  }

  void admin(Context ctx) {
    if (!bearer(ctx).map(adminToken::matches).orElse(false)) {
      throw Problem.unauthorized();
    }
  }

  private static java.util.Optional<String> bearer(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(header.substring(7).strip());
  }
}
