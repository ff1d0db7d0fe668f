package io.herald.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.delivery.SendOutcome;
import io.herald.delivery.SendOutcome.Bounced;
import io.herald.delivery.SendOutcome.Deferred;
import io.herald.delivery.SendOutcome.Delivered;
import io.herald.delivery.smtp.ReplyClassifier.Stage;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplyClassifierTest {
  private final ReplyClassifier classifier = new ReplyClassifier(Duration.ofMinutes(2));

  @ParameterizedTest(name = "{0} {1} \"{2}\" -> {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          DATA | 250 | 250 2.0.0 Ok: queued as 1A2B                  | delivered
          RCPT | 550 | 550 5.1.1 <x@y.test>: no such user           | bounced HARD
          RCPT | 553 | 553 5.1.3 bad recipient address syntax        | bounced HARD
          RCPT | 556 | 556 5.1.10 recipient domain has null MX       | bounced HARD
          DATA | 550 | 550 5.1.1 user unknown                        | bounced HARD
          MAIL | 550 | 550 5.1.1 sender unknown                      | bounced SOFT
          RCPT | 550 | 550 5.1.8 bad sender's system address         | bounced SOFT
          RCPT | 554 | 554 5.7.1 blocked by policy                   | bounced POLICY
          DATA | 550 | 550 5.7.1 message looks like spam             | bounced POLICY
          MAIL | 535 | 535 5.7.8 authentication failed              | bounced POLICY
          DATA | 554 | 554 5.6.0 message content rejected           | bounced SOFT
          DATA | 552 | 552 5.3.4 message too big                     | bounced SOFT
          RCPT | 552 | 552 5.2.2 mailbox full                        | deferred
          RCPT | 452 | 452 4.2.2 mailbox full                        | deferred
          RCPT | 552 | 552 mailbox over quota                         | deferred
          RCPT | 550 | 550 no such user here                         | bounced HARD
          RCPT | 550 | 550 rejected: listed on a block list          | bounced POLICY
          RCPT | 550 | 550 requested action not taken                 | bounced SOFT
          RCPT | 450 | 450 4.2.1 mailbox busy                         | deferred
          DATA | 451 | 451 4.3.0 local error in processing            | deferred
          RCPT | 451 | 451 4.7.1 greylisted, please try again later  | deferred
          RCPT | 421 | 421 4.7.0 try later                           | throttled
          MAIL | 421 | 421 service not available, closing channel   | throttled
          RCPT | 450 | 450 4.7.1 too many messages, slow down        | throttled
          DATA | 451 | 451 rate limit exceeded, try again later      | throttled
          """)
  void classifies(Stage stage, int code, String text, String expected) {
    assertThat(describe(classifier.classify(stage, code, text))).isEqualTo(expected);
  }

  @Test
  void deliveredKeepsTheServersReply() {
    assertThat(classifier.classify(Stage.DATA, 250, "250 2.0.0 Ok: queued as 1A2B\n"))
        .isEqualTo(new Delivered("250 2.0.0 Ok: queued as 1A2B"));
  }

  @Test
  void throttledDeferralsAskForTheConfiguredPause() {
    assertThat(classifier.classify(Stage.RCPT, 421, "421 4.7.0 try later"))
        .isEqualTo(new Deferred("421 4.7.0 try later", true, Duration.ofMinutes(2)));
    assertThat(classifier.classify(Stage.DATA, 451, "451 4.3.0 error"))
        .isEqualTo(new Deferred("451 4.3.0 error", false, Duration.ZERO));
  }

  @Test
  void findsEnhancedCodesButNotVersionNumbersOrAddresses() {
    assertThat(ReplyClassifier.Enhanced.find("550 5.1.10 null MX"))
        .contains(new ReplyClassifier.Enhanced(5, 1, 10));
    assertThat(ReplyClassifier.Enhanced.find("550 mail from 10.5.1.1 refused")).isEmpty();
  }

  private static String describe(SendOutcome outcome) {
    return switch (outcome) {
      case Delivered d -> "delivered";
      case Deferred d -> d.throttled() ? "throttled" : "deferred";
      case Bounced b -> "bounced " + b.kind();
    };
  }
}
