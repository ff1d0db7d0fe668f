package io.herald.campaign;

import java.util.List;

/**
 * Hands recipients of a campaign phase to delivery (the durable work queue). A port, so the
 * campaign lifecycle does not depend on how delivery is done.
 */
public interface Dispatcher {
  void dispatch(Campaign campaign, Phase phase, List<Long> recipientNumbers);
}
