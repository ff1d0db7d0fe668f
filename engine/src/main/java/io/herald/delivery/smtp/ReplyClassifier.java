package io.herald.delivery.smtp;

import io.herald.delivery.SendOutcome;
import io.herald.delivery.SendOutcome.BounceKind;
import io.herald.delivery.SendOutcome.Bounced;
import io.herald.delivery.SendOutcome.Deferred;
import io.herald.delivery.SendOutcome.Delivered;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one SMTP reply into a {@link SendOutcome}: a pure function of the {@link Stage} it
 * answered, the reply code, and its text (where the RFC 3463 enhanced status code, if any, is
 * found). 2xx is delivered; 4xx is deferred, and "throttled" when it is a 421 or a 451 / 4.7.x that
 * asks to slow down; 5.1.x on a recipient is a hard bounce, 5.7.x a policy block, a full mailbox
 * (5.2.2) is deferred because it may empty, and any other 5xx a soft bounce.
 */
public final class ReplyClassifier {
  private static final Pattern ENHANCED =
      Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.])");
  private static final Pattern SLOW_DOWN =
      Pattern.compile(
          "try (again )?later|too many|rate|throttl|slow down|exceeded|limit|temporarily deferred",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern GREYLIST =
      Pattern.compile("grey ?list|gray ?list", Pattern.CASE_INSENSITIVE);
  private static final Pattern NO_SUCH_ADDRESS =
      Pattern.compile(
          "no such (user|mailbox|recipient)|user unknown|unknown (user|recipient)|does not exist|"
              + "not exist|invalid (recipient|mailbox|address)|address rejected|mailbox unavailable",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern POLICY =
      Pattern.compile(
          "spam|blocked|block ?list|black ?list|policy|reputation|denied|spf|dmarc|dkim",
          Pattern.CASE_INSENSITIVE);

  private final Duration throttleBackoff;

  /** {@code throttleBackoff} is the {@code retryNoSoonerThan} of a throttled deferral. */
  public ReplyClassifier(Duration throttleBackoff) {
    this.throttleBackoff = throttleBackoff;
  }

  /**
   * Which command a reply answered: the same 5.1.x means the sender on MAIL, the recipient on RCPT.
   */
  public enum Stage {
    MAIL,
    RCPT,
    DATA
  }

  /** An RFC 3463 enhanced status code, {@code class.subject.detail}. */
  public record Enhanced(int klass, int subject, int detail) {
    /** The first enhanced code in a reply's text, if it carries one. */
    public static Optional<Enhanced> find(String text) {
      Matcher m = ENHANCED.matcher(text == null ? "" : text);
      return m.find()
          ? Optional.of(
              new Enhanced(
                  Integer.parseInt(m.group(1)),
                  Integer.parseInt(m.group(2)),
                  Integer.parseInt(m.group(3))))
          : Optional.empty();
    }
  }

  public SendOutcome classify(Stage stage, int code, String text) {
    String reply = text == null ? "" : text.strip();
    Optional<Enhanced> enhanced = Enhanced.find(reply);
    if (code >= 200 && code < 300) {
      return new Delivered(reply);
    }
    if (code >= 500 && code < 600) {
      return permanent(stage, code, reply, enhanced);
    }
    boolean throttled = isThrottle(code, reply, enhanced);
    return new Deferred(reply, throttled, throttled ? throttleBackoff : Duration.ZERO);
  }

  private static boolean isThrottle(int code, String reply, Optional<Enhanced> enhanced) {
    if (code == 421) {
      return true;
    }
    boolean candidate = code == 451 || enhanced.filter(e -> e.subject() == 7).isPresent();
    return candidate && SLOW_DOWN.matcher(reply).find() && !GREYLIST.matcher(reply).find();
  }

  private static SendOutcome permanent(
      Stage stage, int code, String reply, Optional<Enhanced> enhanced) {
    if (enhanced.isPresent()) {
      Enhanced e = enhanced.get();
      if (e.subject() == 2 && e.detail() == 2) {
        return new Deferred(reply, false, Duration.ZERO);
      }
      if (e.subject() == 7) {
        return new Bounced(BounceKind.POLICY, reply);
      }
      boolean aboutSender = stage == Stage.MAIL || e.detail() == 7 || e.detail() == 8;
      if (e.subject() == 1 && !aboutSender) {
        return new Bounced(BounceKind.HARD, reply);
      }
      return new Bounced(BounceKind.SOFT, reply);
    }
    return legacyPermanent(stage, code, reply);
  }

  /** A 5xx without an enhanced code: only the number and the words are left to go on. */
  private static SendOutcome legacyPermanent(Stage stage, int code, String reply) {
    if (code == 552) {
      return new Deferred(reply, false, Duration.ZERO);
    }
    if (POLICY.matcher(reply).find()) {
      return new Bounced(BounceKind.POLICY, reply);
    }
    boolean addressCode = code == 550 || code == 551 || code == 553;
    if (stage == Stage.RCPT && addressCode && NO_SUCH_ADDRESS.matcher(reply).find()) {
      return new Bounced(BounceKind.HARD, reply);
    }
    return new Bounced(BounceKind.SOFT, reply);
  }
}
