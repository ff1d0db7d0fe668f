package io.herald.store.redis;

import io.herald.audience.ImportCounts;
import io.herald.audience.ImportJob;
import io.herald.audience.ImportStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** An import job as the fields of its Redis hash, so progress updates touch only a few fields. */
final class JobFields {
  private JobFields() {}

  static Map<String, String> of(ImportJob job) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("id", job.id());
    fields.put("listName", job.listName());
    fields.put("fileName", job.fileName());
    fields.put("format", job.format());
    fields.put("encoding", job.encoding());
    fields.put("sheet", job.sheet());
    fields.put("createdAt", job.createdAt().toString());
    fields.putAll(status(job.status()));
    fields.putAll(counts(job.counts(), job.updatedAt()));
    return fields;
  }

  static Map<String, String> status(ImportStatus status) {
    return switch (status) {
      case ImportStatus.Running r -> Map.of("status", "running", "rows", Long.toString(r.rows()));
      case ImportStatus.Completed c ->
          Map.of("status", "completed", "rows", Long.toString(c.rows()));
      case ImportStatus.Refused r -> Map.of("status", "refused", "reason", r.reason());
      case ImportStatus.Failed f -> Map.of("status", "failed", "reason", f.reason());
    };
  }

  static Map<String, String> counts(ImportCounts counts, Instant updatedAt) {
    return Map.of(
        "accepted", Long.toString(counts.accepted()),
        "rejected", Long.toString(counts.rejected()),
        "duplicates", Long.toString(counts.duplicates()),
        "suppressed", Long.toString(counts.suppressed()),
        "blocked", Long.toString(counts.blocked()),
        "updatedAt", updatedAt.toString());
  }

  static ImportJob read(Map<String, String> f) {
    long rows = Long.parseLong(f.getOrDefault("rows", "0"));
    ImportStatus status =
        switch (f.get("status")) {
          case "running" -> new ImportStatus.Running(rows);
          case "completed" -> new ImportStatus.Completed(rows);
          case "refused" -> new ImportStatus.Refused(f.get("reason"));
          default -> new ImportStatus.Failed(f.getOrDefault("reason", "unknown"));
        };
    ImportCounts counts =
        new ImportCounts(
            number(f, "accepted"),
            number(f, "rejected"),
            number(f, "duplicates"),
            number(f, "suppressed"),
            number(f, "blocked"));
    return new ImportJob(
        f.get("id"),
        f.get("listName"),
        f.get("fileName"),
        f.getOrDefault("format", ""),
        f.getOrDefault("encoding", ""),
        f.getOrDefault("sheet", ""),
        status,
        counts,
        Instant.parse(f.get("createdAt")),
        Instant.parse(f.get("updatedAt")));
  }

  private static long number(Map<String, String> fields, String name) {
    return Long.parseLong(fields.getOrDefault(name, "0"));
  }
}
