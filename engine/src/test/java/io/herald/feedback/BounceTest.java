package io.herald.feedback;

import static io.herald.feedback.Samples.ANN_BY_NUMBER;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.feedback.FeedbackReport.Bounce;
import io.herald.feedback.FeedbackReport.BounceKind;
import io.herald.feedback.FeedbackReport.Ignored;
import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Delivery status notifications, as real MTAs write them, become the right kind of bounce. */
class BounceTest {
  final FeedbackParser parser = new FeedbackParser(Samples.SIGNER);

  FeedbackReport parse(byte[] mail) {
    return parser.parse(new ByteArrayInputStream(mail), Optional.empty());
  }

  @Test
  void aPostfixUserUnknownIsAHardBounce() {
    assertThat(parse(Samples.mail("postfix-user-unknown.eml")))
        .isEqualTo(
            new Bounce(
                ANN_BY_NUMBER,
                BounceKind.HARD,
                "5.1.1",
                "550 5.1.1 <ann@example.org>: Recipient address rejected: User unknown in virtual"
                    + " mailbox table",
                "ann@example.org"));
  }

  @Test
  void aGmailFullInboxIsASoftBounceWithItsFoldedDiagnosticOnOneLine() {
    Map<String, String> values = Samples.genuine();
    values.put("ORIGINAL", Samples.composedOriginal());
    Bounce bounce = (Bounce) parse(Samples.mail("gmail-over-quota.eml", values));
    assertThat(bounce.kind()).isEqualTo(BounceKind.SOFT);
    assertThat(bounce.status()).isEqualTo("5.2.2");
    assertThat(bounce.finalRecipient()).isEqualTo("olena.full@gmail.example");
    assertThat(bounce.diagnostic())
        .startsWith("552-5.2.2 The recipient's inbox is out of storage space. Please direct")
        .endsWith("- gsmtp")
        .doesNotContain("\n", "\r", "  ");
    assertThat(bounce.ref()).isEqualTo(ANN_BY_NUMBER);
  }

  @Test
  void anExchangeBannedIpIsAPolicyBounce() {
    Bounce bounce = (Bounce) parse(Samples.mail("exchange-policy.eml"));
    assertThat(bounce.kind()).isEqualTo(BounceKind.POLICY);
    assertThat(bounce.status()).isEqualTo("5.7.606");
    assertThat(bounce.finalRecipient()).isEqualTo("taras@contoso.example");
    assertThat(bounce.diagnostic()).startsWith("550 5.7.606 Access denied, banned sending IP");
  }

  @Test
  void aDelayWarningIsIgnoredNotABounce() {
    assertThat(parse(Samples.mail("postfix-delayed.eml")))
        .isEqualTo(new Ignored(ANN_BY_NUMBER, "delivery-status report with action delayed"));
  }

  @Test
  void ofSeveralRecipientsTheFirstFailedOneIsReported() {
    Bounce bounce = (Bounce) parse(Samples.mail("sendmail-several-recipients.eml"));
    assertThat(bounce.finalRecipient()).isEqualTo("old@example.net");
    assertThat(bounce.status()).isEqualTo("5.0.0");
    assertThat(bounce.kind()).as("5.0.0 saying user unknown").isEqualTo(BounceKind.HARD);
    assertThat(bounce.diagnostic()).isEqualTo("550 Requested action not taken: User unknown");
  }

  @Test
  void aPlainTextQmailBounceToOurVerpAddressIsRead() {
    FeedbackReport report =
        parser.parse(
            new ByteArrayInputStream(Samples.mail("qmail-plain.eml", Samples.unsigned())),
            Optional.of(Samples.genuine().get("BOUNCE_TO")));
    assertThat(report)
        .isEqualTo(
            new Bounce(
                ANN_BY_NUMBER,
                BounceKind.HARD,
                "5.1.1",
                "Sorry, no mailbox here by that name. (#5.1.1)",
                "petro@example.net"));
  }

  @Test
  void aVagueStatusTakesThePreciseCodeOfItsDiagnostic() {
    Bounce bounce = (Bounce) parse(hostile("Status: 5.0.0", "smtp; 550 5.1.10 RecipientNotFound"));
    assertThat(bounce.status()).isEqualTo("5.1.10");
    assertThat(bounce.kind()).isEqualTo(BounceKind.HARD);
  }

  @Test
  void aFailureWithoutStatusFallsBackOnTheReplyCode() {
    Bounce bounce = (Bounce) parse(hostile("", "smtp; 554 Message rejected as spam"));
    assertThat(bounce.status()).isEqualTo("5.0.0");
    assertThat(bounce.kind()).isEqualTo(BounceKind.POLICY);
  }

  @Test
  void aFailedTemporaryConditionIsSoft() {
    Bounce bounce = (Bounce) parse(hostile("Status: 4.4.7", "smtp; 421 4.4.7 Message expired"));
    assertThat(bounce.kind()).isEqualTo(BounceKind.SOFT);
    assertThat(bounce.status()).isEqualTo("4.4.7");
  }

  @Test
  void aDeliveredOrRelayedOnlyReportIsIgnored() {
    String status =
        """
        Reporting-MTA: dns; mx.example.net

        Final-Recipient: rfc822; ann@example.org
        Action: delivered
        Status: 2.0.0
        """;
    assertThat(parse(HostileInputTest.withStatus(status, "8bit")))
        .isEqualTo(new Ignored(ANN_BY_NUMBER, "delivery-status report with action delivered"));
  }

  @Test
  void theRemoteServersCodeOverridesAStatusFieldThatContradictsIt() {
    Bounce blocked =
        (Bounce) parse(hostile("Status: 5.1.1", "smtp; 550 5.7.1 IP address blacklisted"));
    assertThat(blocked.status()).isEqualTo("5.7.1");
    assertThat(blocked.kind()).isEqualTo(BounceKind.POLICY);
    Bounce full = (Bounce) parse(hostile("Status: 5.1.1", "smtp; 552 5.2.2 Over quota"));
    assertThat(full.status()).isEqualTo("5.2.2");
    assertThat(full.kind()).isEqualTo(BounceKind.SOFT);
  }

  @Test
  void fieldsWithWhiteSpaceBeforeTheColonAreRead() {
    String status =
        """
        Reporting-MTA : dns; mx.example.net

        Final-Recipient : rfc822; ann@example.org
        Action : failed
        Status : 5.1.1
        """;
    Bounce bounce = (Bounce) parse(HostileInputTest.withStatus(status, "8bit"));
    assertThat(bounce.kind()).isEqualTo(BounceKind.HARD);
    assertThat(bounce.finalRecipient()).isEqualTo("ann@example.org");
  }

  /** A one-recipient DSN with the given Status line (or none) and Diagnostic-Code value. */
  static byte[] hostile(String statusLine, String diagnostic) {
    String status =
        "Reporting-MTA: dns; mx.example.net\n\n"
            + "Final-Recipient: rfc822; ann@example.org\n"
            + "Action: failed\n"
            + (statusLine.isEmpty() ? "" : statusLine + "\n")
            + "Diagnostic-Code: "
            + diagnostic
            + "\n";
    return HostileInputTest.withStatus(status, "8bit");
  }
}
