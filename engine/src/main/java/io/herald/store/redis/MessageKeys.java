package io.herald.store.redis;

import io.herald.account.AccountId;

/**
 * The Redis keys of transactional messages (documented in {@code docs/redis-keys.md}), apart from
 * {@link Keys} so that the campaign side's keys stay in one untouched place. A message, its body,
 * its Idempotency-Key, its account's transactional queue and retry schedule share the account's
 * hash tag, so accepting a message (write, index, queue) is one script in one slot.
 */
final class MessageKeys {
  private MessageKeys() {}

  /** Accounts that ever queued a transactional message (scanned again now and then). */
  static String accounts() {
    return "herald:{g}:tx:accounts";
  }

  /** Accounts whose queue may hold work: what workers poll. */
  static String ready() {
    return "herald:{g}:tx:ready";
  }

  /** The account's messages, scored by acceptance time (ms). */
  static String index(AccountId account) {
    return Keys.account(account) + ":msgs";
  }

  /** A message's summary ({@code meta}) and per-recipient states ({@code r:<n>}, {@code f:<n>}). */
  static String message(AccountId account, String messageId) {
    return Keys.account(account) + ":msg:" + messageId;
  }

  /** A message's content: JSON for a composed one, base64 of the bytes for a raw one. */
  static String body(AccountId account, String messageId) {
    return message(account, messageId) + ":body";
  }

  /** An Idempotency-Key (by its SHA-256): {@code <messageId>|<request fingerprint>}. */
  static String idempotency(AccountId account, String keyHash) {
    return Keys.account(account) + ":idem:" + keyHash;
  }

  static String queue(AccountId account) {
    return Keys.account(account) + ":txq";
  }

  static String retry(AccountId account) {
    return Keys.account(account) + ":txq:retry";
  }

  /** Copies of a frozen account put aside, scored by when a worker looks at them again. */
  static String held(AccountId account) {
    return Keys.account(account) + ":txq:held";
  }

  /**
   * Counters: accepted, delivered, deferred, bounced_hard, …, suppressed, failed; for SMS also
   * submitted (moved to delivered, undeliverable, expired, rejected or unknown by the receipt).
   */
  static String stats(AccountId account) {
    return Keys.account(account) + ":tx:stats";
  }

  static String templates(AccountId account) {
    return Keys.account(account) + ":templates";
  }
}
