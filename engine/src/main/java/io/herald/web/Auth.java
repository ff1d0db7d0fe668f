package io.herald.web;

import io.herald.account.Account;
import io.herald.account.AdminToken;
import io.herald.account.ApiKeys;
import io.herald.account.Caller;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Who is calling: the administrator (admin token) or an account (one of its API keys), both as
 * {@code Authorization: Bearer …}. Every account route resolves the account here and passes it
 * down, so no route can reach data without naming whose it is. Each key, and the admin token, is
 * rate-limited here (R13), after it authenticated: a made-up key costs a hash lookup and a 401,
 * never a limiter.
 */
final class Auth {
  private static final String ADMIN = "admin";

  private final ApiKeys keys;
  private final AdminToken adminToken;
  private final RateLimits limits;

  Auth(ApiKeys keys, AdminToken adminToken, RateLimits limits) {
    this.keys = keys;
    this.adminToken = adminToken;
    this.limits = limits;
  }

  /** The account and the key it called with. */
  Caller caller(Context ctx) {
    Caller caller = bearer(ctx).flatMap(keys::authenticate).orElseThrow(Problem::unauthorized);
    limit("key:" + caller.key().value());
    return caller;
  }

  Account account(Context ctx) {
    return caller(ctx).account();
  }

  /** The account, for a request that sends: a frozen account (R8) is refused with 403. */
  Account sender(Context ctx) {
    Account account = account(ctx);
    account
        .frozen()
        .ifPresent(
            freeze -> {
              throw Problem.forbidden("account frozen: " + freeze.reason());
            });
    return account;
  }

  void admin(Context ctx) {
    if (!bearer(ctx).map(adminToken::matches).orElse(false)) {
      throw Problem.unauthorized();
    }
    limit(ADMIN);
  }

  private void limit(String caller) {
    long wait = limits.acquire(caller);
    if (wait > 0) {
      throw Problem.tooManyRequests(
          "this key made too many requests; try again in " + wait + " s", wait);
    }
  }

  private static Optional<String> bearer(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    return Optional.of(header.substring(7).strip());
  }
}
