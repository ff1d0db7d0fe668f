package io.herald.web.pages;

import io.herald.account.Secrets;
import io.herald.account.Session;
import io.herald.account.SessionStore;
import io.herald.account.User;
import io.herald.account.UserId;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Browser sessions: an opaque random id (256 bits) in a cookie, everything else server-side in
 * Redis under the id's SHA-256. A session ends when unused for the idle time or after the absolute
 * time since it began, whichever is first (checked against the injected clock; Redis expires what
 * is left). Signing in always starts a new session with a new id and CSRF token, and deletes the
 * one before, so an id planted in a browser before sign-in (session fixation) never becomes
 * signed-in. The cookie is {@code HttpOnly}, {@code SameSite=Lax}, limited to {@code /app}, and
 * {@code Secure} when Herald's public URL is https or the request came over TLS.
 */
final class Sessions {
  static final String COOKIE = "herald_session";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{43}");

  /** The request's live session and the hash it is stored under. */
  record Current(String idHash, Session session) {}

  private final SessionStore store;
  private final Clock clock;
  private final RandomGenerator random;
  private final Duration idle;
  private final Duration max;
  private final boolean httpsBaseUrl;

  Sessions(
      SessionStore store,
      Clock clock,
      RandomGenerator random,
      Duration idle,
      Duration max,
      boolean httpsBaseUrl) {
    this.store = store;
    this.clock = clock;
    this.random = random;
    this.idle = idle;
    this.max = max;
    this.httpsBaseUrl = httpsBaseUrl;
  }

  /** The request's session when it is still live (and marks it used), else empty. */
  Optional<Current> current(Context ctx) {
    String id = ctx.cookie(COOKIE);
    if (id == null || !ID.matcher(id).matches()) {
      return Optional.empty();
    }
    String hash = Secrets.hash(id);
    Optional<Session> found = store.find(hash);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Session session = found.get();
    Instant now = clock.instant();
    if (!now.isBefore(session.lastSeen().plus(idle))
        || !now.isBefore(session.createdAt().plus(max))) {
      store.delete(hash);
      return Optional.empty();
    }
    store.touch(hash, now, idle);
    return Optional.of(new Current(hash, session));
  }

  /** A new session without a user, so that the forms before sign-in have a CSRF token too. */
  Current anonymous(Context ctx) {
    return start(ctx, Optional.empty(), "");
  }

  /** Ends {@code before} (if any) and starts a signed-in session under a new id. */
  Current signIn(Context ctx, Optional<Current> before, User user) {
    before.ifPresent(c -> store.delete(c.idHash()));
    return start(ctx, Optional.of(user.id()), stamp(user));
  }

  /**
   * The session's user, if it still holds: a password set since sign-in (a reset after a theft)
   * ends every session of that user, with no index of sessions to keep.
   */
  static Optional<User> holds(Session session, Optional<User> user) {
    return user.filter(u -> stamp(u).equals(session.stamp()));
  }

  private static String stamp(User user) {
    return Secrets.hash(user.passwordHash().orElse("")).substring(0, 16);
  }

  /** Ends the session and clears the cookie. */
  void end(Context ctx, Optional<Current> current) {
    current.ifPresent(c -> store.delete(c.idHash()));
    ctx.header("Set-Cookie", cookie("", true, ctx) + "; Max-Age=0");
  }

  private Current start(Context ctx, Optional<UserId> user, String stamp) {
    String id = Secrets.generate("", random);
    Instant now = clock.instant();
    Session session = new Session(user, Secrets.generate("", random), now, now, stamp);
    String hash = Secrets.hash(id);
    store.put(hash, session, idle);
    ctx.header("Set-Cookie", cookie(id, false, ctx));
    return new Current(hash, session);
  }

  private String cookie(String value, boolean clearing, Context ctx) {
    // No Max-Age: the browser forgets it when closed; the server decides when it ends.
    String cookie = COOKIE + "=" + value + "; Path=/app; HttpOnly; SameSite=Lax";
    return secure(ctx) ? cookie + "; Secure" : cookie;
  }

  /** Whether cookies must be {@code Secure}: the public URL is https, or this request was. */
  boolean secure(Context ctx) {
    return httpsBaseUrl || "https".equalsIgnoreCase(ctx.scheme());
  }
}
