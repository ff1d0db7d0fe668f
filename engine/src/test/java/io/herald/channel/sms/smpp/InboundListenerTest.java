package io.herald.channel.sms.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.channel.sms.DeliveryReceipt;
import io.herald.channel.sms.MobileReply;
import io.herald.channel.sms.ReceiptState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.junit.jupiter.api.Test;

/** deliver_sm PDUs as jSMPP hands them over, read into receipts and replies. */
class InboundListenerTest {
  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final SmppGatewayTest.Inbox inbox = new SmppGatewayTest.Inbox();
  private final InboundListener listener =
      new InboundListener(
          "main", inbox, new SmppMetrics(registry), Clock.fixed(NOW, ZoneOffset.UTC));

  private static DeliverSm receipt(String text, OptionalParameter... tlvs) {
    DeliverSm pdu = new DeliverSm();
    pdu.setEsmClass((byte) 0x04);
    pdu.setSourceAddr("380501234567");
    pdu.setDestAddress("Herald");
    pdu.setShortMessage(text.getBytes(StandardCharsets.US_ASCII));
    pdu.setOptionalParameters(tlvs);
    return pdu;
  }

  @Test
  void the_tlvs_win_over_the_text_but_the_error_comes_from_the_text() {
    listener.onAcceptDeliverSm(
        receipt(
            "id:2587 stat:DELIVRD err:000",
            new OptionalParameter.Receipted_message_id("0A1B"),
            new OptionalParameter.Message_state((byte) 5)));

    assertThat(inbox.receipts)
        .containsExactly(new DeliveryReceipt("0A1B", ReceiptState.UNDELIVERABLE, "000", NOW));
    assertThat(
            registry
                .counter("herald.sms.receipts", "smsc", "main", "state", "undeliverable")
                .count())
        .isEqualTo(1);
  }

  @Test
  void a_receipt_that_cannot_be_read_is_counted_and_dropped_without_an_error_to_the_smsc() {
    listener.onAcceptDeliverSm(receipt("your message was delivered, probably"));
    listener.onAcceptDeliverSm(receipt("stat:DELIVRD"));

    assertThat(inbox.receipts).isEmpty();
    assertThat(registry.counter("herald.sms.inbound.unreadable", "smsc", "main").count())
        .isEqualTo(2);
  }

  @Test
  void an_intermediate_notification_is_a_receipt_too() {
    DeliverSm pdu = receipt("id:77 stat:ENROUTE");
    pdu.setEsmClass((byte) 0x20);

    listener.onAcceptDeliverSm(pdu);

    assertThat(inbox.receipts)
        .extracting(DeliveryReceipt::state)
        .containsExactly(ReceiptState.ENROUTE);
  }

  @Test
  void a_reply_with_a_header_and_a_national_number_is_decoded() {
    DeliverSm pdu = new DeliverSm();
    pdu.setEsmClass((byte) 0x40);
    pdu.setSourceAddrTon((byte) 2); // national: left as the SMSC wrote it
    pdu.setSourceAddr("0501234567");
    pdu.setDestAddress("Herald");
    pdu.setDataCoding((byte) 0x08);
    byte[] text = "Відписатися".getBytes(StandardCharsets.UTF_16BE);
    byte[] sm = new byte[6 + text.length];
    System.arraycopy(new byte[] {0x05, 0x00, 0x03, 0x01, 0x01, 0x01}, 0, sm, 0, 6);
    System.arraycopy(text, 0, sm, 6, text.length);
    pdu.setShortMessage(sm);

    listener.onAcceptDeliverSm(pdu);

    assertThat(inbox.replies)
        .containsExactly(new MobileReply("0501234567", "Herald", "Відписатися", NOW));
  }
}
