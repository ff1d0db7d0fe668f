package io.herald.web;

import io.herald.canary.Canaries;
import io.herald.canary.CanaryRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shape of a canary: its sample, latest decision and explanation, and audit trail. */
final class CanaryViews {
  private CanaryViews() {}

  static Map<String, Object> canary(Canaries.Review review) {
    CanaryRecord r = review.canary();
    Map<String, Object> canary = new LinkedHashMap<>();
    canary.put("size", r.size());
    canary.put("seed", r.seed());
    canary.put("started", r.started().toString());
    r.sendsFinished().ifPresent(t -> canary.put("sendsFinished", t.toString()));
    canary.put("decision", r.decision());
    canary.put("report", r.report());
    r.rejection().ifPresent(reason -> canary.put("rejection", reason));
    canary.put(
        "audit",
        review.audit().stream()
            .map(
                e ->
                    Map.of(
                        "at", e.at().toString(),
                        "actor", e.actor(),
                        "action", e.action(),
                        "detail", e.detail()))
            .toList());
    return Map.of("canary", canary);
  }
}
