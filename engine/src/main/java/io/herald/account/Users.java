package io.herald.account;

import io.herald.account.Refusal.Kind;
import io.herald.importers.EmailAddress;
import io.herald.importers.InvalidAddressException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The people who sign in to the pages: adding one (an administrator's {@code herald user add}, an
 * owner's invitation), checking a password, setting one through a mailed link, and the language a
 * person chose. Passwords are hashed with {@link Passwords} (Argon2id) and never stored or logged
 * in clear. API keys stay for programs; these are for people.
 */
public final class Users {
  /** The pages' languages; the first is the default. */
  public static final List<String> LANGUAGES = List.of("uk", "en");

  private final UserStore store;
  private final Passwords passwords;
  private final Clock clock;
  private final RandomGenerator random;

  public Users(UserStore store, Passwords passwords, Clock clock, RandomGenerator random) {
    this.store = store;
    this.passwords = passwords;
    this.clock = clock;
    this.random = random;
  }

  /**
   * A new user without a password (it is set through an invitation link).
   *
   * @throws Refusal INVALID for a bad email or language, CONFLICT when the email is taken
   */
  public User add(String email, Membership membership, String language) throws Refusal {
    if (!LANGUAGES.contains(language)) {
      throw new Refusal(Kind.INVALID, "language must be uk or en");
    }
    User user =
        new User(
            UserId.random(random),
            email(email),
            membership,
            language,
            clock.instant(),
            Optional.empty());
    if (!store.create(user)) {
      throw new Refusal(Kind.CONFLICT, "a user with this email already exists");
    }
    return user;
  }

  /**
   * The email as a sign-in name: one line, a valid address, lower-cased.
   *
   * @throws Refusal INVALID with the reason
   */
  public static String email(String raw) throws Refusal {
    if (raw == null || raw.isBlank()) {
      throw new Refusal(Kind.INVALID, "email is missing");
    }
    if (raw.chars().anyMatch(Character::isISOControl)) {
      throw new Refusal(Kind.INVALID, "email must be one line without control characters");
    }
    try {
      return EmailAddress.parse(raw).value().toLowerCase(Locale.ROOT);
    } catch (InvalidAddressException e) {
      throw new Refusal(Kind.INVALID, "not an email address: " + e.getMessage());
    }
  }

  /**
   * The user with this email and password, or empty; as slow for an unknown email or a user without
   * a password as for a wrong password, so the answer's time does not tell which.
   */
  public Optional<User> authenticate(String email, String password) {
    Optional<User> user;
    try {
      user = store.findByEmail(email(email));
    } catch (Refusal notAnAddress) {
      user = Optional.empty();
    }
    if (password == null || password.length() > Passwords.MAX_LENGTH * 2) {
      return Optional.empty(); // never hash a huge input
    }
    if (user.isEmpty() || user.get().passwordHash().isEmpty()) {
      passwords.decoy(password);
      return Optional.empty();
    }
    return passwords.matches(password, user.get().passwordHash().get()) ? user : Optional.empty();
  }

  /**
   * Sets the password of {@code user} as the caller saw it: refused when it changed meanwhile (a
   * link used twice at once), so a link sets a password once.
   *
   * @throws Refusal INVALID ({@code too_short}, {@code too_long}) or CONFLICT ({@code used})
   */
  public User setPassword(User user, String password) throws Refusal {
    Optional<String> weakness = Passwords.weakness(password);
    if (weakness.isPresent()) {
      throw new Refusal(Kind.INVALID, weakness.get());
    }
    String hash = passwords.hash(password);
    if (!store.replacePassword(user.id(), user.passwordHash(), hash)) {
      throw new Refusal(Kind.CONFLICT, "used");
    }
    return user.withPasswordHash(hash);
  }

  public Optional<User> find(UserId id) {
    return store.find(id);
  }

  public Optional<User> findByEmail(String email) {
    try {
      return store.findByEmail(email(email));
    } catch (Refusal notAnAddress) {
      return Optional.empty();
    }
  }

  /** Removes the users of a deleted account (R12). */
  public long removeAccount(AccountId account) {
    return store.deleteOfAccount(account);
  }

  /** Stores the language the user chose; an unknown language is ignored. */
  public void setLanguage(UserId id, String language) {
    if (LANGUAGES.contains(language)) {
      store.setLanguage(id, language);
    }
  }
}
