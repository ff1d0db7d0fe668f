package io.herald.feedback;

import io.herald.feedback.FeedbackReport.Complaint;
import io.herald.feedback.FeedbackReport.Ignored;
import io.herald.feedback.FeedbackReport.Unrecognised;
import jakarta.mail.internet.MailDateFormat;
import java.text.ParsePosition;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the body of a {@code message/feedback-report} part (RFC 5965 §3.1): {@code Feedback-Type},
 * {@code User-Agent}, {@code Version} and optionally {@code Arrival-Date} (older drafts, still sent
 * by some providers, call it {@code Received-Date}). Types {@code not-spam} and {@code
 * auth-failure} (RFC 6591, a DMARC failure report) are not complaints and are {@link Ignored};
 * every other type, including {@code abuse}, {@code fraud}, {@code virus} and {@code other}, is a
 * {@link Complaint}.
 */
final class ArfReport {
  private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
  private static final Set<String> NOT_COMPLAINTS = Set.of("not-spam", "auth-failure");
  private static final int MAX_DATE = 100;

  private ArfReport() {}

  static FeedbackReport read(String body, MessageRef ref) {
    List<Fields> groups = Fields.groups(body);
    Optional<Fields> fields =
        groups.stream().filter(g -> g.first("Feedback-Type").isPresent()).findFirst();
    if (fields.isEmpty()) {
      return new Unrecognised("feedback report without a Feedback-Type");
    }
    Matcher type = TYPE.matcher(fields.get().first("Feedback-Type").orElseThrow().strip());
    if (!type.lookingAt() || type.end() > Limits.FEEDBACK_TYPE) {
      return new Unrecognised("feedback report with an unreadable Feedback-Type");
    }
    String feedbackType = type.group().toLowerCase(Locale.ROOT);
    if (NOT_COMPLAINTS.contains(feedbackType)) {
      return new Ignored(ref, "feedback report of type " + feedbackType);
    }
    Optional<String> userAgent =
        fields
            .get()
            .first("User-Agent")
            .map(value -> Clean.line(value, Limits.USER_AGENT))
            .filter(value -> !value.isEmpty());
    Optional<Instant> arrival =
        fields
            .get()
            .first("Arrival-Date")
            .or(() -> fields.get().first("Received-Date"))
            .flatMap(ArfReport::date);
    return new Complaint(ref, feedbackType, userAgent, arrival);
  }

  /** An RFC 5322 date, leniently (obsolete zone names such as EDT included); never throws. */
  static Optional<Instant> date(String value) {
    if (value.length() > MAX_DATE) {
      return Optional.empty();
    }
    try {
      // MailDateFormat is a SimpleDateFormat, so not thread-safe: one per call.
      Date date = new MailDateFormat().parse(value.strip(), new ParsePosition(0));
      return Optional.ofNullable(date).map(Date::toInstant);
    } catch (RuntimeException unparsable) {
      // A lenient third-party parser fed foreign text: a date it chokes on is just absent.
      return Optional.empty();
    }
  }
}
