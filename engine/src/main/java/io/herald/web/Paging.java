package io.herald.web;

import io.herald.paging.BadCursor;
import io.herald.paging.Page;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The paging of every list endpoint ({@code docs/api.md}, "Pagination"): {@code limit} and an
 * opaque {@code cursor} in the query; the items under the list's own key and {@code next} (the
 * cursor of the following page, or null on the last) in the answer. A cursor names its list, so one
 * list's cursor is refused by another.
 */
record Paging(String list, int limit, Optional<String> after) {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  /** Reads {@code limit} (1 to {@code max}) and {@code cursor} for the list named {@code list}. */
  static Paging read(Context ctx, String list, int defaultLimit, int max) {
    int limit = defaultLimit;
    String value = ctx.queryParam("limit");
    if (value != null) {
      try {
        limit = Integer.parseInt(value.strip());
      } catch (NumberFormatException e) {
        throw Problem.badRequest("limit must be a whole number from 1 to " + max);
      }
      if (limit < 1 || limit > max) {
        throw Problem.badRequest("limit must be a whole number from 1 to " + max);
      }
    }
    return new Paging(
        list, limit, Optional.ofNullable(ctx.queryParam("cursor")).map(c -> open(list, c)));
  }

  static Paging read(Context ctx, String list) {
    return read(ctx, list, DEFAULT_LIMIT, MAX_LIMIT);
  }

  /** The answer: the page's items under {@code key}, and {@code next}. */
  Map<String, Object> body(String key, Page<?> page) {
    return body(key, page.items(), page.next());
  }

  Map<String, Object> body(String key, List<?> items, Optional<String> next) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(key, items);
    body.put("next", next.map(this::seal).orElse(null));
    return body;
  }

  /** The opaque cursor of a position in this list. */
  String seal(String position) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((list + "\n" + position).getBytes(StandardCharsets.UTF_8));
  }

  private static String open(String list, String cursor) {
    if (cursor.isEmpty() || cursor.length() > 1024) {
      throw badCursor();
    }
    String plain;
    try {
      plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw badCursor();
    }
    if (!plain.startsWith(list + "\n")) {
      throw badCursor();
    }
    return plain.substring(list.length() + 1);
  }

  /** Runs a store's page query, answering a position it does not know with 400. */
  static <T> Page<T> fetch(java.util.function.Supplier<Page<T>> query) {
    try {
      return query.get();
    } catch (BadCursor e) {
      throw badCursor();
    }
  }

  static Problem badCursor() {
    return Problem.badRequest(new BadCursor().getMessage());
  }
}
