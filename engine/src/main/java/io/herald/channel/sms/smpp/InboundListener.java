package io.herald.channel.sms.smpp;

import io.herald.channel.sms.DeliveryReceipt;
import io.herald.channel.sms.MobileReply;
import io.herald.channel.sms.ReceiptState;
import io.herald.channel.sms.SmsInbound;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.MessageState;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what an SMSC delivers ({@code deliver_sm}) into {@link SmsInbound} calls: a delivery
 * receipt (the receipt bit of {@code esm_class}) becomes a {@link DeliveryReceipt}, from the {@code
 * receipted_message_id} and {@code message_state} TLVs when present, else from the text form;
 * anything else is a reply from a phone ({@link MobileReply}). It never throws back to jSMPP, so
 * the {@code deliver_sm_resp} is always OK: an unreadable receipt is logged and counted, because
 * answering with an error would only make the SMSC send it again and again.
 */
final class InboundListener implements MessageReceiverListener {
  private static final Logger log = LoggerFactory.getLogger(InboundListener.class);

  private final String smsc;
  private final SmsInbound inbound;
  private final SmppMetrics metrics;
  private final Clock clock;

  InboundListener(String smsc, SmsInbound inbound, SmppMetrics metrics, Clock clock) {
    this.smsc = smsc;
    this.inbound = inbound;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public void onAcceptDeliverSm(DeliverSm deliverSm) {
    try {
      if (isReceipt(deliverSm.getEsmClass())) {
        receipt(deliverSm);
      } else {
        reply(deliverSm);
      }
    } catch (RuntimeException e) {
      // The SMSC gets its OK anyway: a PDU that breaks the reader would break it on every retry.
      metrics.inboundUnreadable(smsc);
      log.warn(
          "SMSC {}: could not handle a deliver_sm from {}", smsc, deliverSm.getSourceAddr(), e);
    }
  }

  private static boolean isReceipt(byte esmClass) {
    return MessageType.SMSC_DEL_RECEIPT.containedIn(esmClass)
        || MessageType.INTER_DEL_NOTIF.containedIn(esmClass);
  }

  private void receipt(DeliverSm pdu) {
    String text = new String(pdu.getShortMessage(), StandardCharsets.ISO_8859_1);
    Optional<ReceiptText> parsed = ReceiptText.parse(text);
    Optional<String> tlvId = receiptedId(pdu);
    Optional<ReceiptState> tlvState = messageState(pdu);
    String id = tlvId.or(() -> parsed.map(ReceiptText::id)).orElse("");
    Optional<ReceiptState> state = tlvState.or(() -> parsed.map(ReceiptText::state));
    if (id.isEmpty() || state.isEmpty()) {
      metrics.inboundUnreadable(smsc);
      log.warn(
          "SMSC {}: a delivery receipt without a message id or state was dropped: {}",
          smsc,
          text.length() > 200 ? text.substring(0, 200) : text);
      return;
    }
    String error = parsed.map(ReceiptText::error).orElse("");
    metrics.receipt(smsc, state.get());
    inbound.receipt(new DeliveryReceipt(id, state.get(), error, clock.instant()));
  }

  private void reply(DeliverSm pdu) {
    String text =
        ShortMessageText.decode(
            pdu.getDataCoding(), pdu.getShortMessage(), pdu.isUdhi() || pdu.isUdhiAndReplyPath());
    metrics.reply(smsc);
    inbound.reply(
        new MobileReply(
            international(pdu.getSourceAddr(), pdu.getSourceAddrTon()),
            pdu.getDestAddress(),
            text,
            clock.instant()));
  }

  /** E.164 for an international number; other numbers as the SMSC gave them. */
  private static String international(String address, byte ton) {
    boolean isInternational = ton == 1 && !address.startsWith("+");
    return isInternational ? "+" + address : address;
  }

  private static Optional<String> receiptedId(DeliverSm pdu) {
    if (pdu.getOptionalParameter(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID)
        instanceof OptionalParameter.COctetString id) {
      String value = id.getValueAsString();
      return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
    return Optional.empty();
  }

  private static Optional<ReceiptState> messageState(DeliverSm pdu) {
    if (pdu.getOptionalParameter(OptionalParameter.Tag.MESSAGE_STATE)
        instanceof OptionalParameter.Byte state) {
      try {
        return Optional.of(state(MessageState.valueOf(state.getValue())));
      } catch (IllegalArgumentException e) {
        return Optional.empty(); // a value SMPP 3.4 does not define: fall back to the text form
      }
    }
    return Optional.empty();
  }

  private static ReceiptState state(MessageState state) {
    return switch (state) {
      case ENROUTE, SCHEDULED -> ReceiptState.ENROUTE;
      case DELIVERED -> ReceiptState.DELIVERED;
      case EXPIRED -> ReceiptState.EXPIRED;
      case DELETED -> ReceiptState.DELETED;
      case UNDELIVERABLE -> ReceiptState.UNDELIVERABLE;
      case ACCEPTED -> ReceiptState.ACCEPTED;
      case REJECTED -> ReceiptState.REJECTED;
      case UNKNOWN, SKIPPED -> ReceiptState.UNKNOWN;
    };
  }

  @Override
  public void onAcceptAlertNotification(AlertNotification alertNotification) {}

  @Override
  public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
    // Herald sends with submit_sm and asks for nothing that would come back as data_sm.
    throw new ProcessRequestException("data_sm is not supported", SMPPConstant.STAT_ESME_RINVCMDID);
  }
}
