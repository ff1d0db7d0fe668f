package io.herald.account;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A browser's session with the pages, kept server-side (the browser holds only a random id). A
 * session without a user exists before sign-in so that the sign-in form has a CSRF token too; it is
 * replaced by a new one (a new id) at sign-in, so an id planted before sign-in is worth nothing.
 *
 * @param user who signed in, or empty before sign-in
 * @param csrf the synchronizer token every form of this session must send back
 * @param createdAt when it began (the absolute limit counts from here)
 * @param lastSeen the last request (the idle limit counts from here)
 * @param stamp a fingerprint of the user's password hash at sign-in ("" before sign-in): once the
 *     password changes (a reset), the session signs in nobody, on every node
 */
public record Session(
    Optional<UserId> user, String csrf, Instant createdAt, Instant lastSeen, String stamp) {
  public Session {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(csrf, "csrf");
    Objects.requireNonNull(stamp, "stamp");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastSeen, "lastSeen");
  }
}
