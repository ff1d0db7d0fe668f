package io.herald.config;

import static io.herald.config.ConfigSchema.POSITIVE_INT;
import static io.herald.config.ValueTypes.duration;
import static io.herald.config.ValueTypes.integer;
import static io.herald.config.ValueTypes.optionalText;

import java.util.List;
import java.util.Optional;

/**
 * The {@code http.signIn.*} keys: sessions, mailed links and sign-in limits of the pages. Declared
 * apart from {@link ConfigSchema} to keep each file to one section; the schema lists them and
 * assembles {@link SignInConfig} into {@link HttpConfig}.
 */
final class SignInKeys {
  private SignInKeys() {}

  static final ConfigKey<java.time.Duration> SESSION_IDLE =
      ConfigKey.of(
          "http.signIn.sessionIdle",
          duration("a duration such as 30m"),
          "30m",
          "A signed-in session unused this long ends; the person signs in again.");
  static final ConfigKey<java.time.Duration> SESSION_MAX =
      ConfigKey.of(
          "http.signIn.sessionMax",
          duration("a duration such as 12h"),
          "12h",
          "A session ends this long after sign-in, however busy it is.");
  static final ConfigKey<java.time.Duration> RESET_LINK_VALID_FOR =
      ConfigKey.of(
          "http.signIn.resetLinkValidFor",
          duration("a duration such as 1h"),
          "1h",
          "How long a mailed password-reset link works; it works once.");
  static final ConfigKey<java.time.Duration> INVITATION_VALID_FOR =
      ConfigKey.of(
          "http.signIn.invitationValidFor",
          duration("a duration such as 7d"),
          "7d",
          "How long an invitation (and the first-password link of `herald user add`) works; once.");
  static final ConfigKey<Integer> FAILURES_PER_ADDRESS =
      ConfigKey.of(
          "http.signIn.failuresPerAddress",
          integer(1, 1_000_000, POSITIVE_INT),
          "5",
          "Failed sign-ins one email address may have in 15 minutes, from anywhere (all nodes);"
              + " then its sign-ins are refused until the window ends.");
  static final ConfigKey<Integer> ATTEMPTS_PER_CLIENT =
      ConfigKey.of(
          "http.signIn.attemptsPerClient",
          integer(1, 1_000_000, POSITIVE_INT),
          "30",
          "Sign-in and reset requests one client address may make in 15 minutes (all nodes).");
  static final ConfigKey<Optional<String>> MAIL_FROM =
      ConfigKey.of(
          "http.signIn.mailFrom",
          optionalText("an email address, or empty"),
          "",
          "Sender of Herald's own mail to its users (reset links, invitations); empty uses herald@"
              + " the host of tracking.baseUrl.");

  static final List<ConfigKey<?>> KEYS =
      List.of(
          SESSION_IDLE,
          SESSION_MAX,
          RESET_LINK_VALID_FOR,
          INVITATION_VALID_FOR,
          FAILURES_PER_ADDRESS,
          ATTEMPTS_PER_CLIENT,
          MAIL_FROM);

  static SignInConfig assemble(ConfigSchema.Values v) {
    return new SignInConfig(
        v.get(SESSION_IDLE),
        v.get(SESSION_MAX),
        v.get(RESET_LINK_VALID_FOR),
        v.get(INVITATION_VALID_FOR),
        v.get(FAILURES_PER_ADDRESS),
        v.get(ATTEMPTS_PER_CLIENT),
        v.get(MAIL_FROM));
  }
}
