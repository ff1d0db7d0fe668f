package io.herald.testing;

import io.herald.channel.sms.SmsGateway;
import io.herald.channel.sms.SmsSubmission;
import io.herald.channel.sms.SubmitOutcome;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * An {@link SmsGateway} for tests of what sits above the gateway port (the jSMPP adapter is tested
 * against a real SMPP server elsewhere): it records every submission and answers the outcomes a
 * test scripted for that number, in order, then accepts, with SMSC ids {@code smsc-1}, {@code
 * smsc-2}, … one per part.
 */
public final class RecordingGateway implements SmsGateway {
  private final List<SmsSubmission> submitted = new ArrayList<>();
  private final Map<String, Deque<SubmitOutcome>> scripts = new HashMap<>();
  private int nextId = 1;

  /** Answers these outcomes to the next submissions to {@code phone}, then accepts again. */
  public synchronized RecordingGateway script(String phone, SubmitOutcome... outcomes) {
    scripts.computeIfAbsent(phone, p -> new ArrayDeque<>()).addAll(List.of(outcomes));
    return this;
  }

  @Override
  public synchronized SubmitOutcome submit(SmsSubmission submission) {
    submitted.add(submission);
    Deque<SubmitOutcome> script = scripts.get(submission.to());
    if (script != null && !script.isEmpty()) {
      return script.poll();
    }
    return new SubmitOutcome.Accepted(
        IntStream.range(0, submission.body().parts().size())
            .mapToObj(i -> "smsc-" + nextId++)
            .toList());
  }

  public synchronized List<SmsSubmission> submitted() {
    return List.copyOf(submitted);
  }

  public synchronized List<SmsSubmission> submittedTo(String phone) {
    return submitted.stream().filter(s -> s.to().equals(phone)).toList();
  }
}
