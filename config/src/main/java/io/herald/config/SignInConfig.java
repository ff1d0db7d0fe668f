package io.herald.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How people (account users and staff) sign in to the pages: how long a session lives, how long the
 * links Herald mails stay valid, how many attempts a client gets, and the address those mails come
 * from. Kept beside the HTTP server's own settings because only its pages use them.
 *
 * @param sessionIdle a session unused this long ends
 * @param sessionMax a session ends this long after sign-in, however busy
 * @param resetLinkValidFor how long a password-reset link works (it works once)
 * @param invitationValidFor how long an invitation (or a first-password link) works (once)
 * @param failuresPerAddress failed sign-ins one email address may have in 15 minutes
 * @param attemptsPerClient sign-in attempts one client address may make in 15 minutes
 * @param mailFrom sender of Herald's own mail to users (reset links, invitations); empty means
 *     {@code herald@} the host of {@code tracking.baseUrl}
 */
public record SignInConfig(
    Duration sessionIdle,
    Duration sessionMax,
    Duration resetLinkValidFor,
    Duration invitationValidFor,
    int failuresPerAddress,
    int attemptsPerClient,
    Optional<String> mailFrom) {
  public SignInConfig {
    Objects.requireNonNull(sessionIdle, "sessionIdle");
    Objects.requireNonNull(sessionMax, "sessionMax");
    Objects.requireNonNull(resetLinkValidFor, "resetLinkValidFor");
    Objects.requireNonNull(invitationValidFor, "invitationValidFor");
    Objects.requireNonNull(mailFrom, "mailFrom");
  }

  /** The same limits with other attempt counts (tests). */
  public SignInConfig withAttempts(int perAddress, int perClient) {
    return new SignInConfig(
        sessionIdle,
        sessionMax,
        resetLinkValidFor,
        invitationValidFor,
        perAddress,
        perClient,
        mailFrom);
  }
}
