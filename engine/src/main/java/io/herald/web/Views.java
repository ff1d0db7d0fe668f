package io.herald.web;

import io.herald.account.Account;
import io.herald.account.AccountEvent;
import io.herald.account.ApiKey;
import io.herald.account.ApiKeys;
import io.herald.account.Freeze;
import io.herald.audience.ContactList;
import io.herald.audience.ImportJob;
import io.herald.audience.ImportStatus;
import io.herald.audience.RowIssue;
import io.herald.audience.Suppression;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The JSON shapes of the API (documented in {@code docs/api.md}), built field by field. */
final class Views {
  private Views() {}

  static Map<String, Object> account(Account account) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", account.id().value());
    view.put("name", account.name());
    view.put("createdAt", account.createdAt().toString());
    view.put("frozen", account.frozen().map(Views::freeze).orElse(null));
    return view;
  }

  static Map<String, Object> freeze(Freeze freeze) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("reason", freeze.reason());
    view.put("at", freeze.at().toString());
    view.put("by", freeze.by());
    return view;
  }

  static Map<String, Object> apiKey(ApiKey key) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", key.id().value());
    view.put("name", key.name());
    view.put("createdAt", key.createdAt().toString());
    view.put("lastUsedAt", key.lastUsedAt().map(Instant::toString).orElse(null));
    return view;
  }

  /** A new key: the secret is in this answer only. */
  static Map<String, Object> createdKey(ApiKeys.Created created) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", created.key().id().value());
    view.put("name", created.key().name());
    view.put("createdAt", created.key().createdAt().toString());
    view.put("apiKey", created.secret());
    return view;
  }

  static Map<String, Object> accountEvent(AccountEvent event) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("at", event.at().toString());
    view.put("action", event.action());
    view.put("by", event.by());
    view.put("detail", event.detail());
    return view;
  }

  static Map<String, Object> list(ContactList list) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("name", list.name());
    view.put("members", list.members());
    view.put("consentStatement", list.consentStatement());
    view.put("language", list.language());
    view.put("createdAt", list.createdAt().toString());
    view.put("updatedAt", list.updatedAt().toString());
    return view;
  }

  static Map<String, Object> importJob(ImportJob job) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", job.id());
    view.put("list", job.listName());
    view.put("file", job.fileName());
    switch (job.status()) {
      case ImportStatus.Running r -> {
        view.put("status", "running");
        view.put("rows", r.rows());
      }
      case ImportStatus.Completed c -> {
        view.put("status", "completed");
        view.put("rows", c.rows());
      }
      case ImportStatus.Refused r -> {
        view.put("status", "refused");
        view.put("reason", r.reason());
      }
      case ImportStatus.Failed f -> {
        view.put("status", "failed");
        view.put("reason", f.reason());
      }
    }
    view.put("format", job.format());
    view.put("encoding", job.encoding());
    view.put("sheet", job.sheet());
    // A refused or failed import imported nothing: counts of what it staged before it stopped
    // would read as contacts added (a refused file showed 1,998,000 "accepted").
    if (job.status() instanceof ImportStatus.Running
        || job.status() instanceof ImportStatus.Completed) {
      view.put("accepted", job.counts().accepted());
      view.put("rejected", job.counts().rejected());
      view.put("duplicates", job.counts().duplicates());
      view.put("suppressed", job.counts().suppressed());
      view.put("blocked", job.counts().blocked());
    }
    view.put("createdAt", job.createdAt().toString());
    view.put("updatedAt", job.updatedAt().toString());
    return view;
  }

  static Map<String, Object> rowIssue(RowIssue issue) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("row", issue.row());
    view.put("kind", issue.kind().name().toLowerCase(Locale.ROOT));
    view.put("value", issue.value());
    view.put("reason", issue.reason());
    return view;
  }

  static Map<String, Object> suppression(Suppression suppression) {
    Map<String, Object> view = new LinkedHashMap<>();
    String key = suppression.key();
    view.put(key.startsWith("e:") ? "email" : "phone", key.substring(2));
    view.put("reason", suppression.reason());
    view.put("at", suppression.at().toString());
    return view;
  }
}
