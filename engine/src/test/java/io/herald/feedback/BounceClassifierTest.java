package io.herald.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.feedback.FeedbackReport.BounceKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The words of a refusal decide a permanent failure's kind before its code: policy, then our
 * sender, then a mailbox that may come back, then an address that does not exist; the code only
 * when no words tell.
 */
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
        "5.4.4  | 554 5.4.4 unable to route                        | HARD",
        "5.4.4  | Host or domain name not found. Name service error | HARD",
        "5.2.1  | 550 5.2.1 <olha@x.example>: User Unknown         | HARD",
        "5.7.1  | 550 5.7.1 No such user!                          | HARD",
        "5.5.0  | 550 5.5.0 Requested action not taken: mailbox unavailable | HARD",
        "5.4.1  | 550 5.4.1 Recipient address rejected: Access denied | HARD",
        "5.1.3  | 550 5.1.3 198.51.100.10 is listed in a blocklist | POLICY",
        "5.1.1  | 550 5.1.1 IP address blacklisted                 | POLICY",
        "5.1.0  | 550 5.1.0 <b@x.example>: Sender rejected         | SOFT",
        "5.1.1  | 550 5.1.1 No such user (after MAIL FROM)         | SOFT",
        "5.0.0  | 550 Domain of sender address x.example does not exist | SOFT",
        "5.1.1  | 552 5.1.1 Over quota                             | SOFT",
        "5.2.1  | 550 5.2.1 The email account is disabled          | SOFT",
        "5.0.0  | 550 No such\\n    user here                     | HARD",
        "5.5.0  | 554 5.5.0 blocked using zen.spamhaus.org         | POLICY",
        "4.4.7  | 421 4.4.7 message expired                        | SOFT",
        "4.7.1  | 450 4.7.1 greylisted, user unknown               | SOFT",
      })
  void classifies(String status, String diagnostic, BounceKind expected) {
    StatusCode code = StatusCode.find(status).orElseThrow();
    assertThat(BounceClassifier.classify(code, diagnostic.replace("\\n", "\n")))
        .isEqualTo(expected);
  }
}
