package io.herald.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Report bodies are read as groups of fields, folded lines joined, nonsense skipped. */
class FieldsTest {
  @Test
  void groupsAreSplitOnBlankLinesAndFoldedValuesJoined() {
    List<Fields> groups =
        Fields.groups(
            "\r\nReporting-MTA: dns; mx\r\n\r\n\r\nFinal-Recipient: rfc822; a@b.c\r\n"
                + "Diagnostic-Code: smtp; 550 5.1.1\r\n   user\r\n\tunknown\r\n \r\n"
                + "Action: delayed\n");
    assertThat(groups).hasSize(3);
    assertThat(groups.get(0).first("reporting-mta")).contains("dns; mx");
    assertThat(groups.get(1).first("Diagnostic-Code")).contains("smtp; 550 5.1.1 user unknown");
    assertThat(groups.get(2).first("ACTION")).contains("delayed");
  }

  @Test
  void linesThatAreNotFieldsAreSkipped() {
    Fields fields =
        Fields.header(
            " stray continuation\nnot a field\nSpace Name: x\n: empty\nGood: yes\n\nBody: no");
    assertThat(fields.list()).containsExactly(new Fields.Field("Good", "yes"));
  }

  @Test
  void aHostileBodyIsBounded() {
    Fields many = Fields.header("X: 1\n".repeat(Fields.MAX_FIELDS * 3));
    assertThat(many.list()).hasSize(Fields.MAX_FIELDS);
    Fields long_ = Fields.header("X: a\n" + " bbbbbbbbbb\n".repeat(Fields.MAX_VALUE));
    assertThat(long_.first("X").orElseThrow()).hasSizeLessThanOrEqualTo(Fields.MAX_VALUE);
  }

  @Test
  void statusCodesAreFoundOnlyWhole() {
    assertThat(StatusCode.find("Status: 5.1.1 (bad mailbox)")).contains(new StatusCode(5, 1, 1));
    assertThat(StatusCode.find("version 15.1.1 then 4.2.10.")).contains(new StatusCode(4, 2, 10));
    assertThat(StatusCode.find("5.1.1.3 and 3.1.1")).isEmpty();
    assertThat(StatusCode.fromReplyCode(" 550 no")).contains(new StatusCode(5, 0, 0));
    assertThat(StatusCode.fromReplyCode("5500 no")).isEmpty();
  }
}
