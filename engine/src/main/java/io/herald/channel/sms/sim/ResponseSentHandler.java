package io.herald.channel.sms.sim;

import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.ServerResponseDeliveryAdapter;
import org.jsmpp.session.SubmitSmResult;

/** Tells the simulator a {@code submit_sm_resp} went out, so the receipt may follow it. */
final class ResponseSentHandler extends ServerResponseDeliveryAdapter {
  private final SmscSimulator smsc;

  ResponseSentHandler(SmscSimulator smsc) {
    this.smsc = smsc;
  }

  @Override
  public void onSubmitSmRespSent(SubmitSmResult result, SMPPServerSession source) {
    smsc.onResponseSent(result.getMessageId(), source);
  }
}
