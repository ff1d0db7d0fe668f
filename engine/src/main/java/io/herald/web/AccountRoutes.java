package io.herald.web;

import io.herald.account.ApiKey;
import io.herald.account.ApiKeyId;
import io.herald.account.ApiKeys;
import io.herald.account.Caller;
import io.herald.account.Refusal;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An account's own view and its API keys: several per account, each named; a new key is shown once,
 * in the answer that makes it. Deleting a key stops it at once; the last key can only be deleted by
 * an administrator (who can make the account a new one). Another account's key id is simply not
 * found.
 */
final class AccountRoutes {
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 1000;
  private static final Comparator<ApiKey> ORDER =
      Comparator.comparing(ApiKey::createdAt).thenComparing(k -> k.id().value());

  private final Auth auth;
  private final ApiKeys keys;

  AccountRoutes(Auth auth, ApiKeys keys) {
    this.auth = auth;
    this.keys = keys;
  }

  /** Request body of a new key. */
  record NewKey(String name) {}

  void register(Javalin app) {
    app.get("/api/account", ctx -> ctx.json(Views.account(auth.account(ctx))));
    app.post("/api/keys", this::create);
    app.get("/api/keys", this::list);
    app.delete("/api/keys/{id}", this::delete);
  }

  private void create(Context ctx) throws Refusal {
    Caller caller = auth.caller(ctx);
    NewKey body = JsonBodies.read(ctx, NewKey.class);
    ApiKeys.Created created =
        keys.create(caller.account().id(), body.name(), "key:" + caller.key());
    ctx.status(201).json(Views.createdKey(created));
  }

  private void list(Context ctx) {
    Caller caller = auth.caller(ctx);
    int limit = limit(ctx.queryParam("limit"));
    String cursor = ctx.queryParam("cursor");
    List<ApiKey> all = keys.list(caller.account().id());
    List<ApiKey> after =
        cursor == null
            ? all
            : all.stream().filter(k -> ORDER.compare(k, after(cursor)) > 0).toList();
    List<ApiKey> page = after.subList(0, Math.min(limit, after.size()));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("keys", page.stream().map(Views::apiKey).toList());
    body.put("next", after.size() > page.size() ? cursorOf(page.getLast()) : null);
    ctx.json(body);
  }

  private void delete(Context ctx) throws Refusal {
    Caller caller = auth.caller(ctx);
    ApiKeyId id =
        ApiKeyId.parse(ctx.pathParam("id")).orElseThrow(() -> Problem.notFound("no such API key"));
    keys.delete(caller.account().id(), id, false, "key:" + caller.key());
    ctx.status(204);
  }

  static int limit(String text) {
    if (text == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw Problem.badRequest("limit must be a number from 1 to " + MAX_LIMIT);
  }

  // The cursor is the last key's place in the order (creation time, id): still valid when that
  // key has been deleted since.
  private static String cursorOf(ApiKey key) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((key.createdAt() + "|" + key.id()).getBytes(StandardCharsets.UTF_8));
  }

  private static ApiKey after(String cursor) {
    try {
      String[] parts =
          new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
      if (parts.length == 2) {
        ApiKeyId id = ApiKeyId.parse(parts[1]).orElseThrow(IllegalArgumentException::new);
        return new ApiKey(id, "", Instant.parse(parts[0]), java.util.Optional.empty());
      }
    } catch (IllegalArgumentException | DateTimeParseException e) {
      // answered below
    }
    throw Problem.badRequest("unknown or expired cursor");
  }
}
