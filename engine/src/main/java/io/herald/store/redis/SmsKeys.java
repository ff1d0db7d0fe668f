package io.herald.store.redis;

import io.herald.account.AccountId;
import java.util.Locale;

/**
 * The Redis keys of SMS receipts and replies (documented in {@code docs/redis-keys.md}). A receipt
 * names only the SMSC's message id, not the account, so the per-message keys cannot live in the
 * account's slot: they are spread over {@link #BUCKETS} hash tags {@code {s:<bucket>}} by a hash of
 * the id. A message's record and its bucket's deadline index share a tag, so deciding a message and
 * moving its deadline is one script; a part's record is in the bucket of its own id, because that
 * is all a receipt knows.
 */
final class SmsKeys {
  /** How many hash tags the per-message keys are spread over. */
  static final int BUCKETS = 64;

  private SmsKeys() {}

  /** The bucket of an SMSC id or a phone: String's hash is specified, so every node agrees. */
  static int bucket(String id) {
    return Math.floorMod(id.hashCode(), BUCKETS);
  }

  private static String tag(int bucket) {
    return "herald:{s:" + bucket + "}";
  }

  /** One part: which message it belongs to, or a receipt that came before it was expected. */
  static String part(String messageId) {
    return tag(bucket(messageId)) + ":sms:part:" + messageId;
  }

  /** One message (named by its first part's id): its reference, parts and their outcomes. */
  static String message(String message) {
    return tag(bucket(message)) + ":sms:msg:" + message;
  }

  /** The bucket's messages awaiting a decision (or its settling), scored by when it is due. */
  static String due(int bucket) {
    return tag(bucket) + ":sms:due";
  }

  static String dueOf(String message) {
    return due(bucket(message));
  }

  /** The latest message to a phone from a sender. */
  static String last(String phone, String sender) {
    String digits = phone.startsWith("+") ? phone.substring(1) : phone;
    String from = sender.startsWith("+") ? sender.substring(1) : sender;
    return tag(bucket(digits)) + ":sms:last:" + digits + ":" + from.toLowerCase(Locale.ROOT);
  }

  /** How many undeliverable outcomes the account's messages to a phone had since a delivery. */
  static String undeliverable(AccountId account, String phone) {
    return Keys.account(account) + ":sms:undeliverable:" + phone;
  }

  /** The account's log of replies. */
  static String replies(AccountId account) {
    return Keys.account(account) + ":sms:replies";
  }
}
