package io.herald.channel.sms.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.channel.sms.ReceiptState;
import org.junit.jupiter.api.Test;

class ReceiptTextTest {

  @Test
  void reads_the_appendix_b_form() {
    assertThat(
            ReceiptText.parse(
                "id:5F000001 sub:001 dlvrd:001 submit date:2612021042 done date:2612021043"
                    + " stat:DELIVRD err:000 text:Hello there"))
        .contains(new ReceiptText("5F000001", ReceiptState.DELIVERED, "000"));
  }

  @Test
  void field_names_in_any_case_and_order_with_fields_missing() {
    assertThat(ReceiptText.parse("ID:42 STAT:undeliv ERR:001"))
        .contains(new ReceiptText("42", ReceiptState.UNDELIVERABLE, "001"));
    assertThat(ReceiptText.parse("stat:EXPIRED id:abc"))
        .contains(new ReceiptText("abc", ReceiptState.EXPIRED, ""));
    assertThat(ReceiptText.parse("Id:7 Sub:1 Dlvrd:0 Submit_date:2612021042 Stat:REJECTD Err:0"))
        .contains(new ReceiptText("7", ReceiptState.REJECTED, "0"));
  }

  @Test
  void ids_are_kept_as_written_hex_or_decimal_with_leading_zeros() {
    assertThat(ReceiptText.parse("id:0A1B2C3D stat:DELIVRD").map(ReceiptText::id))
        .contains("0A1B2C3D");
    assertThat(ReceiptText.parse("id:0000168496141 stat:DELIVRD").map(ReceiptText::id))
        .contains("0000168496141");
    assertThat(ReceiptText.parse("id:b5e2f4aa-01 stat:DELIVRD").map(ReceiptText::id))
        .contains("b5e2f4aa-01");
  }

  @Test
  void the_message_text_may_contain_anything_even_field_names() {
    assertThat(ReceiptText.parse("id:9 stat:DELIVRD err:000 text:stat:UNDELIV id:1"))
        .contains(new ReceiptText("9", ReceiptState.DELIVERED, "000"));
  }

  @Test
  void long_state_words_are_read_and_unknown_words_are_unknown() {
    assertThat(ReceiptText.parse("id:1 stat:DELIVERED").map(ReceiptText::state))
        .contains(ReceiptState.DELIVERED);
    assertThat(ReceiptText.parse("id:1 stat:ACCEPTD").map(ReceiptText::state))
        .contains(ReceiptState.ACCEPTED);
    assertThat(ReceiptText.parse("id:1 stat:ENROUTE").map(ReceiptText::state))
        .contains(ReceiptState.ENROUTE);
    assertThat(ReceiptText.parse("id:1 stat:FAILED").map(ReceiptText::state))
        .contains(ReceiptState.UNKNOWN);
  }

  @Test
  void without_an_id_or_a_state_there_is_no_receipt() {
    assertThat(ReceiptText.parse("stat:DELIVRD err:000")).isEmpty();
    assertThat(ReceiptText.parse("id:1 err:000")).isEmpty();
    assertThat(ReceiptText.parse("id: stat:DELIVRD")).isEmpty();
    assertThat(ReceiptText.parse("Your parcel is on its way")).isEmpty();
    assertThat(ReceiptText.parse("")).isEmpty();
  }
}
