package io.herald.canary;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What is stored about one campaign's canary: its sample (size and the seed it was drawn from),
 * when it started, when every canary message had a final outcome, the latest scoring, and the
 * review.
 *
 * @param size recipients in the sample
 * @param seed the seed the sample was drawn from ({@link CanarySample})
 * @param started when the sample was enqueued; the observation window starts here
 * @param sendsFinished when every canary message was first seen with a final outcome
 * @param decision the latest decision: {@code wait}, {@code release}, {@code hold}, or after a
 *     review {@code approved} / {@code rejected}
 * @param report the latest human-readable explanation
 * @param rejection why an administrator rejected the campaign
 * @param restDispatched whether the rest of the audience has been enqueued after a release
 */
public record CanaryRecord(
    int size,
    long seed,
    Instant started,
    Optional<Instant> sendsFinished,
    String decision,
    String report,
    Optional<String> rejection,
    boolean restDispatched) {
  public CanaryRecord {
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(sendsFinished, "sendsFinished");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(rejection, "rejection");
  }
}
