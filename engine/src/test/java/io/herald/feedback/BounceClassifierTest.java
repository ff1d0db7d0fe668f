package io.herald.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.feedback.FeedbackReport.BounceKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The status code decides the kind of a bounce; the words only where the code is vague. */
class BounceClassifierTest {
  @ParameterizedTest(name = "{0} \"{1}\" is {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "5.1.1  | 550 5.1.1 user unknown                           | HARD",
        "5.1.10 | 550 5.1.10 RESOLVER.ADR.RecipientNotFound        | HARD",
        "5.1.2  | 550 5.1.2 bad destination system                 | HARD",
        "5.1.8  | 553 5.1.8 sender address domain does not exist   | SOFT",
        "5.0.0  | 550 Requested action not taken: User unknown     | HARD",
        "5.0.0  | 550 No such user here                            | HARD",
        "5.0.0  | 554 Message rejected as spam                     | POLICY",
        "5.0.0  | 550 Service unavailable                          | SOFT",
        "5.7.1  | 550 5.7.1 relaying denied                        | POLICY",
        "5.7.26 | 550 5.7.26 unauthenticated email                 | POLICY",
        "5.2.2  | 552 5.2.2 mailbox full                           | SOFT",
        "5.2.1  | 550 5.2.1 mailbox disabled                       | SOFT",
        "5.3.0  | 554 5.3.0 mail system error                      | SOFT",
        "5.4.4  | 554 5.4.4 unable to route                        | SOFT",
        "5.5.0  | 554 5.5.0 blocked using zen.spamhaus.org         | POLICY",
        "4.4.7  | 421 4.4.7 message expired                        | SOFT",
        "4.7.1  | 450 4.7.1 greylisted, user unknown               | SOFT",
      })
  void classifies(String status, String diagnostic, BounceKind expected) {
    StatusCode code = StatusCode.find(status).orElseThrow();
    assertThat(BounceClassifier.classify(code, diagnostic)).isEqualTo(expected);
  }
}
