package io.herald.delivery;

import io.herald.campaign.Campaign;
import io.herald.campaign.Dispatcher;
import io.herald.campaign.Phase;
import java.time.Clock;
import java.util.List;

/** Dispatches recipients by putting one work item per recipient on the durable queue. */
public final class QueueDispatcher implements Dispatcher {
  private final WorkQueue queue;
  private final Clock clock;

  public QueueDispatcher(WorkQueue queue, Clock clock) {
    this.queue = queue;
    this.clock = clock;
  }

  @Override
  public void dispatch(Campaign campaign, Phase phase, List<Long> recipientNumbers) {
    var now = clock.instant();
    queue.enqueue(
        recipientNumbers.stream()
            .map(n -> new WorkItem(campaign.account(), campaign.id(), n, phase, 1, now))
            .toList());
  }
}
