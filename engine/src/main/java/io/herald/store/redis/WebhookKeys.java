package io.herald.store.redis;

import io.herald.account.AccountId;

/**
 * The Redis keys of event webhooks (documented in {@code docs/redis-keys.md}). Endpoints and their
 * logs live in the account's slot, so deleting an account deletes them; the outbox and its retry
 * schedule share the tag {@code {w}}, so moving due retries back is one script.
 */
final class WebhookKeys {
  private WebhookKeys() {}

  /** Endpoint id → JSON of the endpoint (its secret sealed). */
  static String endpoints(AccountId account) {
    return Keys.account(account) + ":webhooks";
  }

  /** The endpoint's recent delivery attempts, newest last. */
  static String log(AccountId account, String endpointId) {
    return Keys.account(account) + ":webhook:" + endpointId + ":log";
  }

  /** Events to post, one entry per event and endpoint. */
  static String outbox() {
    return "herald:{w}:outbox";
  }

  /** Tasks waiting for their next attempt, scored by when it is due (ms). */
  static String retry() {
    return "herald:{w}:retry";
  }
}
