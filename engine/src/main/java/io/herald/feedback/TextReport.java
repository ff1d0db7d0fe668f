package io.herald.feedback;

import io.herald.feedback.FeedbackReport.Complaint;
import io.herald.feedback.FeedbackReport.Ignored;
import io.herald.feedback.FeedbackReport.Unrecognised;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a mail without a readable machine report says, from its header and its explanation ({@link
 * Explanation}): a plain-text bounce (from a mail system, under a bounce subject, or in a bounce's
 * words: then {@link PlainTextBounce} reads it), a delay warning or delivery report (ignored), an
 * auto-reply (vacation, out-of-office, {@code Auto-Submitted}, {@code X-Autoreply}, {@code
 * Precedence: auto_reply}: ignored, never a bounce), a provider's own complaint format (a complaint
 * of type {@code abuse}), or nothing. Bounces carry {@code Auto-Submitted} too (RFC 3834), so a
 * mail from a mail system or under a bounce subject is never taken for an auto-reply.
 */
final class TextReport {
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
  private static final Pattern MAIL_SYSTEM =
      Pattern.compile(
          "mailer-daemon|postmaster|mail delivery (system|subsystem)|mail ?administrator"
              + "|mail router|mdaemon|courier mail server|microsoftexchange|(mms|sms|mail) gateway",
          FLAGS);
  private static final Pattern BOUNCE_SUBJECT =
      Pattern.compile(
          "undeliver|returned mail|returning message|delivery status notification"
              + "|delivery (failure|failed|has failed|problem|error)|mail delivery failed"
              + "|failure notice|non-?deliver|not delivered|could not be delivered"
              + "|address not found|message blocked|недоставлен|не доставлен|не доставлено",
          FLAGS);
  private static final Pattern BOUNCE_PHRASE =
      Pattern.compile(
          "(could|can)not be delivered|couldn't be delivered|could not deliver|wasn't delivered"
              + "|was not delivered|(was not|wasn't) able to deliver|unable to deliver"
              + "|delivery has failed|delivery to the following recipients? failed"
              + "|permanent (fatal )?errors?|failed permanently|address\\(es\\) failed"
              + "|error has occurred while attempting to deliver|undeliverable"
              + "|not yet been delivered|не (было )?доставлено|не вдалося доставити",
          FLAGS);
  private static final Pattern DELAY =
      Pattern.compile(
          "delayed|not yet been delivered|will (keep trying|retry|continue)|still being retried"
              + "|delivery attempts will continue|warning message only|delivery incomplete"
              + "|temporary problem delivering",
          FLAGS);
  private static final Pattern SUCCESS =
      Pattern.compile(
          "successfully delivered|delivery to these recipients or groups is complete"
              + "|^\\s*(relayed|delivered|read):",
          FLAGS);
  private static final Pattern AUTO_REPLY_SUBJECT =
      Pattern.compile(
          "^\\s*(auto(matic)?[ -]?(reply|response|answer|antwort)|auto:|out of (the )?office"
              + "|abwesenheit|vacation|away\\b|on leave|réponse automatique|risposta automatica"
              + "|respuesta automática|автоответ|автовідповідь|автоматическ|автоматичн)",
          FLAGS);
  private static final Pattern COMPLAINT =
      Pattern.compile(
          "abuse report|spam report|spam complaint|complaint about (a |the )?message|^complaint:"
              + "|(was|were|been) (reported|marked) as (spam|junk)"
              + "|feedback report|(reported|marked) (this|the|the attached|your) (message|mail"
              + "|e-?mail) as (spam|junk)|junk mail report|\\[spamcop|spamcop v\\d"
              + "|жалоба на спам|скарга на спам",
          FLAGS);

  private TextReport() {}

  static FeedbackReport read(ReportParts parts, MessageRef ref) {
    Fields header = parts.header();
    String subject = decoded(header.first("Subject").orElse(""));
    String explanation = Explanation.of(parts.humanText());
    boolean bounceSubject = BOUNCE_SUBJECT.matcher(subject).find();
    boolean mailSystem =
        bounceSubject || MAIL_SYSTEM.matcher(header.first("From").orElse("")).find();
    if (!mailSystem && isAutoReply(header, subject)) {
      return new Ignored(ref, "auto-reply");
    }
    // Feedback loops often write from a postmaster address too; only a bounce's subject rules out
    // a complaint.
    if (!bounceSubject && COMPLAINT.matcher(subject + "\n" + explanation).find()) {
      return new Complaint(ref, "abuse", Optional.empty(), Optional.empty());
    }
    if (!mailSystem && !BOUNCE_PHRASE.matcher(explanation).find()) {
      return new Unrecognised("neither a report, a plain-text bounce nor an auto-reply");
    }
    if (SUCCESS.matcher(subject).find() || SUCCESS.matcher(explanation).find()) {
      return new Ignored(ref, "delivery report");
    }
    if (DELAY.matcher(subject).find() || DELAY.matcher(explanation).find()) {
      return new Ignored(ref, "delay warning");
    }
    String originalTo =
        parts
            .originalHeader()
            .orElseGet(() -> Explanation.copiedHeader(parts.humanText()))
            .first("To")
            .orElse("");
    return PlainTextBounce.read(explanation, header, originalTo, ref);
  }

  private static boolean isAutoReply(Fields header, String subject) {
    boolean autoSubmitted =
        header
            .first("Auto-Submitted")
            .map(value -> !value.strip().toLowerCase(Locale.ROOT).startsWith("no"))
            .orElse(false);
    boolean precedence =
        header
            .first("Precedence")
            .map(value -> value.strip().toLowerCase(Locale.ROOT).startsWith("auto"))
            .orElse(false);
    return autoSubmitted
        || precedence
        || header.first("X-Autoreply").isPresent()
        || header.first("X-Autorespond").isPresent()
        || header.first("X-Autoresponder").isPresent()
        || AUTO_REPLY_SUBJECT.matcher(subject).find();
  }

  /** A subject with its RFC 2047 encoded words decoded (auto-replies' often are). */
  private static String decoded(String subject) {
    String bounded = Clean.line(subject, 500);
    try {
      return MimeUtility.decodeText(bounded);
    } catch (UnsupportedEncodingException | RuntimeException undecodable) {
      // An unknown charset leaves the subject as written; its ASCII words still count.
      return bounded;
    }
  }
}
