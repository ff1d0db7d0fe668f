package io.herald.channel.viber;

import java.util.List;

/**
 * A Viber business-messaging provider's HTTP API, as Herald uses it: send one message, and fetch
 * the reports that did not come by callback. The adapter is the only place that knows the
 * provider's JSON; every failure of the network or the provider comes back as a {@link
 * ViberSendOutcome}, never as an exception.
 */
public interface ViberGateway extends AutoCloseable {
  ViberSendOutcome send(ViberSubmission submission);

  /**
   * Up to {@code max} reports the provider holds that were not fetched before (each report is
   * returned once); empty when there are none or the provider cannot be reached now.
   */
  List<ViberReport> poll(int max);

  @Override
  default void close() {}
}
