package io.herald.feedback;

import static io.herald.feedback.Samples.ANN_BY_CONTACT;
import static io.herald.feedback.Samples.ANN_BY_NUMBER;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.feedback.FeedbackReport.Complaint;
import io.herald.feedback.FeedbackReport.Ignored;
import io.herald.feedback.FeedbackReport.Unrecognised;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ARF feedback-loop reports (RFC 5965) become complaints about the message they return. */
class ComplaintTest {
  final FeedbackParser parser = new FeedbackParser(Samples.SIGNER);

  FeedbackReport parse(byte[] mail) {
    return parser.parse(new ByteArrayInputStream(mail), Optional.empty());
  }

  @Test
  void aYahooLikeReportWithTheWholeOriginalIsAComplaint() {
    assertThat(parse(Samples.mail("yahoo-arf.eml")))
        .isEqualTo(
            new Complaint(
                ANN_BY_NUMBER,
                "abuse",
                Optional.of("Yahoo!-Mail-Feedback/2.0"),
                Optional.of(Instant.parse("2026-03-01T10:00:04Z"))));
  }

  @Test
  void aReportWithOnlyTheOriginalsHeaderIsAComplaint() {
    Complaint complaint = (Complaint) parse(Samples.mail("arf-headers-only.eml"));
    assertThat(complaint.feedbackType()).isEqualTo("fraud");
    assertThat(complaint.userAgent()).contains("ISP-FBL/3.1");
    assertThat(complaint.arrivalDate()).isEmpty();
    assertThat(complaint.ref()).as("the https link comes first").isEqualTo(ANN_BY_CONTACT);
  }

  @Test
  void notSpamIsIgnored() {
    byte[] mail =
        replace(Samples.mail("yahoo-arf.eml"), "Feedback-Type: abuse", "Feedback-Type: Not-Spam");
    assertThat(parse(mail))
        .isEqualTo(new Ignored(ANN_BY_NUMBER, "feedback report of type not-spam"));
  }

  @Test
  void aReportWithoutFeedbackTypeIsUnrecognised() {
    byte[] mail = replace(Samples.mail("yahoo-arf.eml"), "Feedback-Type: abuse", "X-Type: abuse");
    assertThat(parse(mail)).isEqualTo(new Unrecognised("feedback report without a Feedback-Type"));
  }

  @Test
  void anUnreadableArrivalDateIsLeftOut() {
    byte[] mail =
        replace(
            Samples.mail("yahoo-arf.eml"),
            "Arrival-Date: Sun, 1 Mar 2026 05:00:04 EST",
            "Arrival-Date: yesterday-ish");
    assertThat(((Complaint) parse(mail)).arrivalDate()).isEmpty();
  }

  static byte[] replace(byte[] mail, String from, String to) {
    String text = new String(mail, StandardCharsets.UTF_8);
    assertThat(text).contains(from);
    return text.replace(from, to).getBytes(StandardCharsets.UTF_8);
  }
}
