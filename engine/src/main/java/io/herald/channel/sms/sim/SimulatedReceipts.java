package io.herald.channel.sms.sim;

import io.herald.channel.sms.ReceiptState;
import io.herald.channel.sms.sim.SmscSimulator.ReceiptForm;
import io.herald.channel.sms.sim.SmscSimulator.Submitted;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.MessageState;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.SMPPServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's delivery receipts: a {@code deliver_sm} with the receipt bit of {@code
 * esm_class}, from the destination back to the sender, carrying the {@code receipted_message_id}
 * and {@code message_state} TLVs and the text form {@code id:… sub:001 dlvrd:… submit date:… done
 * date:… stat:… err:… text:…} (either or both, as scripted), once or twice.
 */
final class SimulatedReceipts {
  private static final Logger log = LoggerFactory.getLogger(SimulatedReceipts.class);
  private static final DateTimeFormatter RECEIPT_DATE =
      DateTimeFormatter.ofPattern("yyMMddHHmm").withZone(ZoneOffset.UTC);

  private final Script script;
  private final Clock clock;

  SimulatedReceipts(Script script, Clock clock) {
    this.script = script;
    this.clock = clock;
  }

  void send(Submitted record, SMPPServerSession session) {
    ReceiptState state = script.receipts.apply(record.destination());
    if (state == null) {
      return;
    }
    int times = script.receiptTwice ? 2 : 1;
    for (int i = 0; i < times; i++) {
      try {
        sendReceipt(record, state, session);
      } catch (Exception e) {
        log.info(
            "SMSC simulator: receipt for {} not delivered: {}", record.messageId(), e.getMessage());
      }
    }
  }

  private void sendReceipt(Submitted record, ReceiptState state, SMPPServerSession session)
      throws Exception {
    ReceiptForm form = script.receiptForm;
    String date = RECEIPT_DATE.format(clock.instant());
    String text =
        "id:%s sub:001 dlvrd:%s submit date:%s done date:%s stat:%s err:%s text:%s"
            .formatted(
                script.decimalReceiptIds
                    ? new java.math.BigInteger(record.messageId(), 16).toString()
                    : record.messageId(),
                state == ReceiptState.DELIVERED ? "001" : "000",
                date,
                date,
                statWord(state),
                state == ReceiptState.DELIVERED ? "000" : "001",
                record.text().substring(0, Math.min(20, record.text().length())));
    OptionalParameter[] tlvs =
        form == ReceiptForm.TEXT_ONLY
            ? new OptionalParameter[0]
            : new OptionalParameter[] {
              new OptionalParameter.Receipted_message_id(record.messageId()),
              new OptionalParameter.Message_state(MessageState.valueOf(state.name()).value())
            };
    session.deliverShortMessage(
        "",
        TypeOfNumber.INTERNATIONAL,
        NumberingPlanIndicator.ISDN,
        record.destination(),
        TypeOfNumber.valueOf((byte) record.sourceTon()),
        NumberingPlanIndicator.valueOf((byte) record.sourceNpi()),
        record.source(),
        new ESMClass(0x04),
        (byte) 0,
        (byte) 0,
        new RegisteredDelivery(0),
        DataCodings.ZERO,
        form == ReceiptForm.TLV_ONLY ? new byte[0] : text.getBytes(StandardCharsets.US_ASCII),
        tlvs);
  }

  private static String statWord(ReceiptState state) {
    return switch (state) {
      case DELIVERED -> "DELIVRD";
      case UNDELIVERABLE -> "UNDELIV";
      case REJECTED -> "REJECTD";
      case ACCEPTED -> "ACCEPTD";
      case ENROUTE, EXPIRED, DELETED, UNKNOWN -> state.name();
    };
  }
}
