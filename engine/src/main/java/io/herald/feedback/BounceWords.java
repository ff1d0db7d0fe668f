package io.herald.feedback;

import io.herald.feedback.FeedbackReport.BounceKind;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The words of a remote server's refusal that decide a permanent failure's kind, as a table read
 * top to bottom; the first rule whose words appear wins. The order is the point: a refusal that
 * speaks of spam or a block list is about us, not the address, whatever its code says; one that
 * names our sender or the MAIL FROM step says nothing about the recipient; a full, disabled or
 * unreachable mailbox may come back; only then do "no such user" words make a bounce hard. Words
 * are English and the few Russian and Ukrainian phrases providers there use.
 */
enum BounceWords {
  /** Spam, block lists, authentication and content filters: refused by policy. */
  POLICY(
      BounceKind.POLICY,
      "spam|unsolicited|block ?list|black ?list|deny ?list|blocked|blacklisted|\\brbl\\b|dnsbl"
          + "|spamhaus|barracuda|reputation|polic(y|ies)|\\bspf\\b|sender policy framework"
          + "|\\bdmarc\\b|\\bdkim\\b|not authori[sz]ed|relay(ing)? (access )?denied|banned"
          + "|\\bis listed (in|on|at)|anti-?spoofing|virus|malware|phishing|content rejected"
          + "|(unacceptable|prohibited|forbidden|banned) content|content (restriction|filter)"),
  /** Our envelope sender refused, at MAIL FROM or by sender verification: not the recipient. */
  SENDER(
      BounceKind.SOFT,
      "sender (address )?(rejected|refused|denied|unknown)|sender (verify|verification) failed"
          + "|verification failed for|domain of sender|sender (address |domain )?(domain )?"
          + "(does not exist|not found|must exist|must resolve)|sender address rejected"
          + "|envelope sender|return[- ]path (rejected|invalid)"),
  /**
   * Refused at the MAIL FROM step, before the recipient was named: about our server or sender, so
   * policy under a 5.7.x code and soft otherwise, never hard.
   */
  MAIL_FROM_STEP(null, "(after|in reply to) mail from"),
  /** Full, disabled, too large, looping, timed out or otherwise not for good. */
  NOT_FOR_GOOD(
      BounceKind.SOFT,
      "quota|mailbox (is )?full|inbox is full|out of storage|storage space|insufficient (storage"
          + "|space)|size limit|limit exceeded|exceeds? (the )?(fixed )?(maximum|limit|size)"
          + "|message size|too (big|large|many)|disabled|suspended|inactive|deactivated|frozen"
          + "|temporar(y|ily)|try again later|greylist|retry time|timed out|time-?out"
          + "|connection (refused|reset)|expired|\\bloop|too many hops|may not exist, or you may"
          + " not have permission|deferred"),
  /** The mailbox, the address or its domain does not exist. */
  NO_SUCH_ADDRESS(
      BounceKind.HARD,
      "user ?unknown|unknown (user|recipient|mailbox|address|local[- ]part|alias)"
          + "|no such (user|mailbox|recipient|address|account|person|domain)"
          + "|(user|mailbox|recipient|address|account)( that you tried to reach)?"
          + " (does not|doesn't|did not|not) exist"
          + "|(invalid|unknown|non-?existent|bad) (recipient|mailbox|address|user|account"
          + "|destination)|(recipient|user|mailbox|address|account) (not found|unknown)"
          + "|no mailbox|mailbox unavailable|address (couldn't|could not|cannot|can't) be found"
          + "|wasn't found at|not listed in .{0,40}directory|unroutable|unrouteable"
          + "|host or domain name not found|host unknown|host not found|domain (name )?not found"
          + "|domain (does not|doesn't) exist|(couldn't|could not|can't|cannot) find any host"
          + "|non-?existent (domain|host)|nonexistentdomain|mx records point to non-?existent"
          + "|no mx|does not accept mail|null ?mx|recipient address rejected: access denied"
          + "|recip(ient)?notfound|no longer (on server|available|exists?)"
          + "|doesn't have an? .{1,40} account|not a valid (subscriber|recipient|user|mailbox"
          + "|address)|нет такого|не существует|не найден|не знайдено|не існує|несуществующ");

  /** How far into a text the words are looked for. */
  static final int MAX_TEXT = 16 * 1024;

  private static final Pattern SPACES = Pattern.compile("\\s+");

  /** The kind a match gives; null when the status code decides it. */
  private final BounceKind kind;

  private final Pattern words;

  BounceWords(BounceKind kind, String words) {
    this.kind = kind;
    this.words = Pattern.compile(words, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  /**
   * The kind the first matching rule gives for a permanent failure with this code, or empty when no
   * rule's words are in the text.
   */
  static Optional<BounceKind> kindOf(String text, StatusCode code) {
    // Bounces wrap long replies anywhere ("550 No such" / "    user here"): words are read with
    // every run of white space made one space.
    String bounded =
        SPACES
            .matcher(text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text)
            .replaceAll(" ");
    for (BounceWords rule : values()) {
      if (rule.words.matcher(bounded).find()) {
        return Optional.of(rule.kind != null ? rule.kind : stepKind(code));
      }
    }
    return Optional.empty();
  }

  private static BounceKind stepKind(StatusCode code) {
    return code.subject() == 7 ? BounceKind.POLICY : BounceKind.SOFT;
  }

  /** Whether any rule's words are in the line. */
  static boolean anyIn(String line) {
    for (BounceWords rule : values()) {
      if (rule.words.matcher(line).find()) {
        return true;
      }
    }
    return false;
  }
}
