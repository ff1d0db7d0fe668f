package io.herald.channel.viber;

import io.herald.campaign.CampaignStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every node does for Viber now and then: fetches the reports that did not come by callback
 * ({@link ViberGateway#poll}) and applies them, and looks again at messages that are due ({@link
 * ViberDue}): one still {@code viber_submitted} after its validity and grace counts as expired (its
 * fallback goes), one still waiting for its fallback SMS has its work queued again. {@link #round}
 * is one pass (tests call it); the loop runs it every {@code every}. Deadlines are on the injected
 * clock; the interval between rounds is real time.
 */
public final class ViberSweeps implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ViberSweeps.class);

  /** Reports fetched or messages taken per step; a round goes on while steps come back full. */
  static final int BATCH = 200;

  /** A taken message comes back to a sweep if the one that took it did not finish with it. */
  static final Duration RETAKE_AFTER = Duration.ofMinutes(10);

  private final ViberGateway gateway;
  private final ViberFeedback feedback;
  private final ViberDue due;
  private final CampaignStore campaigns;
  private final Clock clock;
  private final Thread thread;

  public ViberSweeps(
      ViberGateway gateway,
      ViberFeedback feedback,
      ViberDue due,
      CampaignStore campaigns,
      Clock clock,
      Optional<Duration> every) {
    this.gateway = gateway;
    this.feedback = feedback;
    this.due = due;
    this.campaigns = campaigns;
    this.clock = clock;
    this.thread = every.map(this::loop).orElse(null);
  }

  private Thread loop(Duration every) {
    if (every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("the Viber sweep interval must be positive");
    }
    return Thread.ofVirtual()
        .name("viber-sweeps")
        .start(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                try {
                  round();
                } catch (RuntimeException | Error e) {
                  // An Error must not end the sweep: no report would be fetched again.
                  log.warn("Viber sweep failed this round: {}", e.toString(), e);
                }
                try {
                  Thread.sleep(every);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
  }

  /** One pass: fetch and apply reports, then look at what is due. Returns how much it did. */
  public int round() {
    int done = 0;
    List<ViberReport> reports;
    do {
      reports = gateway.poll(BATCH);
      reports.forEach(feedback::report);
      done += reports.size();
    } while (reports.size() == BATCH && !Thread.currentThread().isInterrupted());
    List<String> taken;
    do {
      taken = due.take(clock.instant(), BATCH, RETAKE_AFTER);
      taken.forEach(this::lookAgain);
      done += taken.size();
    } while (taken.size() == BATCH && !Thread.currentThread().isInterrupted());
    return done;
  }

  private void lookAgain(String messageId) {
    Optional<ViberRef> found = ViberRef.parse(messageId);
    if (found.isEmpty()) {
      due.settle(messageId);
      return;
    }
    ViberRef ref = found.get();
    Optional<String> outcome =
        campaigns.check(ref.account(), ref.campaign(), ref.number()).outcome();
    if (outcome.isEmpty()) {
      // Not recorded yet: its work item is still in the queue (a node died before recording),
      // and its resend will expect it again.
      due.settle(messageId);
    } else if (outcome.get().equals(ViberOutcomes.SUBMITTED)) {
      feedback.report(
          new ViberReport(
              messageId,
              ViberReport.State.EXPIRED,
              "no report within the message's validity",
              clock.instant()));
    } else if (outcome.get().equals(ViberOutcomes.FALLBACK_PENDING)) {
      due.expect(messageId, clock.instant().plus(ViberFeedback.FALLBACK_RECHECK));
      feedback.queueFallback(ref);
    } else {
      due.settle(messageId);
    }
  }

  @Override
  public void close() {
    if (thread != null) {
      thread.interrupt();
    }
  }
}
