package io.herald.account;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A person who signs in to the pages. {@code email} is the sign-in name (lower-cased, unique across
 * Herald); {@code passwordHash} is an Argon2id hash in PHC form ({@link Passwords}), empty until
 * the person sets a password through an invitation link; {@code language} ({@code uk} or {@code
 * en}) is the pages' language the person chose.
 */
public record User(
    UserId id,
    String email,
    Membership membership,
    String language,
    Instant createdAt,
    Optional<String> passwordHash) {
  public User {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(membership, "membership");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(passwordHash, "passwordHash");
  }

  public User withPasswordHash(String hash) {
    return new User(id, email, membership, language, createdAt, Optional.of(hash));
  }

  public User withLanguage(String next) {
    return new User(id, email, membership, next, createdAt, passwordHash);
  }
}
