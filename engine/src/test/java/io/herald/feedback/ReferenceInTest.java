package io.herald.feedback;

import static io.herald.feedback.Samples.ANN_BY_CONTACT;
import static io.herald.feedback.Samples.ANN_BY_NUMBER;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.tracking.TrackingToken;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The spam-report form finds the message from whatever a reporter pastes, if it is genuine. */
class ReferenceInTest {
  final FeedbackParser parser = new FeedbackParser(Samples.SIGNER);
  final String unsubscribeUrl = Samples.genuine().get("UNSUB_URL");
  final String token = unsubscribeUrl.substring(unsubscribeUrl.lastIndexOf('/') + 1);

  @Test
  void aBareTokenALinkOrAnAddress() {
    assertThat(parser.referenceIn(token)).contains(ANN_BY_CONTACT);
    assertThat(parser.referenceIn("\n  " + token + " \n")).contains(ANN_BY_CONTACT);
    assertThat(parser.referenceIn(unsubscribeUrl)).contains(ANN_BY_CONTACT);
    assertThat(parser.referenceIn(Samples.genuine().get("RETURN_PATH").toUpperCase(Locale.ROOT)))
        .contains(ANN_BY_NUMBER);
    assertThat(parser.referenceIn("mailto:" + Samples.genuine().get("UNSUB_MAILTO")))
        .contains(ANN_BY_NUMBER);
  }

  private static final java.time.Instant SENT = java.time.Instant.parse("2026-11-21T09:00:00Z");

  @Test
  void anOpenPixelOrClickLinkNamesTheContactToo() {
    var urls = Samples.urls(Samples.SIGNER);
    String pixel =
        urls.openPixel(
            new TrackingToken.Open(Samples.ACCOUNT, Samples.CAMPAIGN, Samples.CONTACT, SENT));
    String click =
        urls.click(
            new TrackingToken.Click(
                Samples.ACCOUNT,
                Samples.CAMPAIGN,
                Samples.CONTACT,
                "https://shop.example.com/",
                SENT));
    assertThat(parser.referenceIn("<img src=\"" + pixel + "\">")).contains(ANN_BY_CONTACT);
    assertThat(parser.referenceIn(click)).contains(ANN_BY_CONTACT);
  }

  @Test
  void pastedHeadersPreferTheReturnPath() {
    String original = Samples.composedOriginal();
    String headers = original.substring(0, original.indexOf("\r\n\r\n"));
    assertThat(parser.referenceIn(headers)).contains(ANN_BY_NUMBER);
    String withoutReturnPath = headers.substring(headers.indexOf("\r\n") + 2);
    assertThat(parser.referenceIn(withoutReturnPath.replace("\r\n", "\n")))
        .as("then the first of List-Unsubscribe, the https link")
        .contains(ANN_BY_CONTACT);
    assertThat(parser.referenceIn(original)).contains(ANN_BY_NUMBER);
  }

  @Test
  void nothingForgedForeignOrAbsentIsFound() {
    assertThat(parser.referenceIn(null)).isEmpty();
    assertThat(parser.referenceIn("  ")).isEmpty();
    assertThat(parser.referenceIn("From: someone\nSubject: buy now\n\nspam")).isEmpty();
    assertThat(parser.referenceIn(ReferenceSourcesTest.alter(token))).isEmpty();
    assertThat(parser.referenceIn(ReferenceSourcesTest.alter(unsubscribeUrl))).isEmpty();
    assertThat(parser.referenceIn(ReferenceSourcesTest.alter(Samples.genuine().get("RETURN_PATH"))))
        .isEmpty();
    assertThat(parser.referenceIn(Samples.signed(Samples.OTHER_SIGNER, 42).get("UNSUB_URL")))
        .isEmpty();
    assertThat(new FeedbackParser(Samples.OTHER_SIGNER).referenceIn(unsubscribeUrl)).isEmpty();
  }

  @Test
  void onlyTheStartOfAHugePasteIsRead() {
    String padding = "x".repeat(FeedbackParser.MAX_PASTED);
    assertThat(parser.referenceIn(padding + " " + unsubscribeUrl)).isEmpty();
    assertThat(parser.referenceIn(unsubscribeUrl + " " + padding)).contains(ANN_BY_CONTACT);
  }
}
