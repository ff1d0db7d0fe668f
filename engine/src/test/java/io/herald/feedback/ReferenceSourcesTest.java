package io.herald.feedback;

import static io.herald.feedback.Samples.ANN_BY_CONTACT;
import static io.herald.feedback.Samples.ANN_BY_NUMBER;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.feedback.FeedbackReport.Bounce;
import io.herald.feedback.FeedbackReport.Complaint;
import io.herald.feedback.FeedbackReport.Unrecognised;
import io.herald.tracking.VerpToken;
import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A report counts only when a signature of ours says which message it is about; each place such a
 * signature can be is found, the strongest first, and nothing forged or foreign passes.
 */
class ReferenceSourcesTest {
  static final Unrecognised NO_REFERENCE =
      new Unrecognised("no verified reference to a message of ours");

  final FeedbackParser parser = new FeedbackParser(Samples.SIGNER);

  FeedbackReport parse(byte[] mail, Optional<String> envelope) {
    return parser.parse(new ByteArrayInputStream(mail), envelope);
  }

  MessageRef refOf(FeedbackReport report) {
    return switch (report) {
      case Bounce bounce -> bounce.ref();
      case Complaint complaint -> complaint.ref();
      case FeedbackReport.Ignored ignored -> ignored.ref();
      case Unrecognised unrecognised -> throw new AssertionError(unrecognised.reason());
    };
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "postfix-user-unknown.eml, BOUNCE_TO",
    "postfix-user-unknown.eml, REPORT_SENDER",
    "postfix-user-unknown.eml, RETURN_PATH",
    "postfix-user-unknown.eml, UNSUB_MAILTO",
    "postfix-user-unknown.eml, UNSUB_URL",
    "postfix-user-unknown.eml, BODY_URL",
    "exchange-policy.eml, BOUNCE_TO",
    "exchange-policy.eml, RETURN_PATH",
    "yahoo-arf.eml, REPORT_SENDER",
    "yahoo-arf.eml, RETURN_PATH",
    "yahoo-arf.eml, UNSUB_MAILTO",
    "yahoo-arf.eml, BODY_URL",
    "arf-headers-only.eml, UNSUB_MAILTO",
    "arf-headers-only.eml, UNSUB_URL",
    "qmail-plain.eml, BOUNCE_TO",
    "qmail-plain.eml, RETURN_PATH",
    "sendmail-several-recipients.eml, RETURN_PATH",
  })
  void theReferenceIsFoundInEachSourceAlone(String sample, String source) {
    byte[] mail = Samples.mail(sample, Samples.onlyGenuine(source));
    MessageRef expected = source.endsWith("_URL") ? ANN_BY_CONTACT : ANN_BY_NUMBER;
    assertThat(refOf(parse(mail, Optional.empty()))).isEqualTo(expected);
    assertThat(parse(Samples.mail(sample, Samples.unsigned()), Optional.empty()))
        .isEqualTo(NO_REFERENCE);
  }

  @Test
  void theEnvelopeRecipientAloneIsEnough() {
    byte[] mail = Samples.mail("postfix-user-unknown.eml", Samples.unsigned());
    String envelope = Samples.genuine().get("BOUNCE_TO").toUpperCase(Locale.ROOT);
    assertThat(refOf(parse(mail, Optional.of(envelope)))).isEqualTo(ANN_BY_NUMBER);
  }

  @Test
  void theBodyOfAnOriginalAsEmailComposerWroteItIsSearched() {
    // Only the quoted-printable footer link is left: no Return-Path, no List-Unsubscribe.
    String original =
        Samples.composedOriginal()
            .replaceFirst("Return-Path: <[^>]*>\r\n", "")
            .replaceFirst("List-Unsubscribe: [^\r]*\r\n( [^\r]*\r\n)*", "");
    assertThat(original).doesNotContain("List-Unsubscribe:", "bounces+");
    Map<String, String> values = Samples.unsigned();
    values.put("ORIGINAL", original);
    byte[] mail = Samples.mail("gmail-over-quota.eml", values);
    assertThat(refOf(parse(mail, Optional.empty()))).isEqualTo(ANN_BY_CONTACT);
  }

  @Test
  void theStrongestSourceWins() {
    Map<String, String> values = new HashMap<>(Samples.signed(Samples.SIGNER, 7));
    values.put("BOUNCE_TO", "bounces@" + Samples.BOUNCE_DOMAIN);
    byte[] mail = Samples.mail("postfix-user-unknown.eml", values);
    MessageRef seven =
        new MessageRef.Recipient(new VerpToken(Samples.ACCOUNT, Samples.CAMPAIGN, 7));
    assertThat(refOf(parse(mail, Optional.empty()))).isEqualTo(seven);
    String annsEnvelope = Samples.genuine().get("BOUNCE_TO");
    assertThat(refOf(parse(mail, Optional.of(annsEnvelope)))).isEqualTo(ANN_BY_NUMBER);
  }

  @Test
  void alteredAddressesAndTokensAreRefusedEverywhere() {
    Map<String, String> altered = new HashMap<>();
    Samples.genuine().forEach((name, value) -> altered.put(name, alter(value)));
    for (String sample :
        new String[] {"postfix-user-unknown.eml", "yahoo-arf.eml", "arf-headers-only.eml"}) {
      byte[] mail = Samples.mail(sample, altered);
      assertThat(parse(mail, Optional.of(altered.get("BOUNCE_TO"))))
          .as(sample)
          .isEqualTo(NO_REFERENCE);
    }
  }

  @Test
  void valuesSignedWithAnotherKeyAreRefused() {
    Map<String, String> foreign = Samples.signed(Samples.OTHER_SIGNER, Samples.RECIPIENT);
    byte[] mail = Samples.mail("postfix-user-unknown.eml", foreign);
    assertThat(parse(mail, Optional.of(foreign.get("BOUNCE_TO")))).isEqualTo(NO_REFERENCE);
    assertThat(parse(Samples.mail("yahoo-arf.eml", foreign), Optional.empty()))
        .isEqualTo(NO_REFERENCE);
  }

  @Test
  void anUnsubscribeAddressCannotPassForABounceAddress() {
    String unsub = Samples.genuine().get("UNSUB_MAILTO");
    String relabelled = "bounces+" + unsub.substring("unsub+".length());
    byte[] mail = Samples.mail("postfix-user-unknown.eml", Samples.unsigned());
    assertThat(parse(mail, Optional.of(relabelled))).isEqualTo(NO_REFERENCE);
  }

  /** The value with one character of its signed token changed. */
  static String alter(String value) {
    int at = value.indexOf('@');
    int position = at > 0 ? at - 3 : value.length() - 3;
    char replacement = value.charAt(position) == 'a' ? 'b' : 'a';
    return value.substring(0, position) + replacement + value.substring(position + 1);
  }
}
