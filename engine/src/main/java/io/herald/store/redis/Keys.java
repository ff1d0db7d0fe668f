package io.herald.store.redis;

import io.herald.account.AccountId;

/**
 * Every Redis key Herald uses, in one place (documented in {@code docs/redis-keys.md}). Global keys
 * share the hash tag {@code {g}}; an account's keys share {@code {a:<id>}}, so every multi-key
 * operation (a Lua script, a RENAME) stays within one slot and runs unchanged on Redis Cluster.
 */
final class Keys {
  private static final String PREFIX = "herald:";

  private Keys() {}

  static String accounts() {
    return PREFIX + "{g}:accounts";
  }

  static String accountNames() {
    return PREFIX + "{g}:account-names";
  }

  static String apiKeys() {
    return PREFIX + "{g}:apikeys";
  }

  /** An account's API keys (id → JSON), in {@code {g}} so that they change with the index. */
  static String accountKeys(AccountId account) {
    return PREFIX + "{g}:keys:" + account.value();
  }

  /** When each of an account's API keys was last used (id → epoch ms). */
  static String accountKeysUsed(AccountId account) {
    return accountKeys(account) + ":used";
  }

  /** The account's audit trail (freezes, keys), newest first. */
  static String accountAudit(AccountId account) {
    return account(account) + ":audit";
  }

  /** Which account has verified each sending domain now (domain → account id). */
  static String domainOwners() {
    return PREFIX + "{g}:domain-owners";
  }

  /** The account's sending domains (domain → JSON with its token and sealed DKIM keys). */
  static String accountDomains(AccountId account) {
    return account(account) + ":domains";
  }

  static String workStream() {
    return PREFIX + "{q}:work";
  }

  static String retrySchedule() {
    return PREFIX + "{q}:retry";
  }

  static String account(AccountId account) {
    return PREFIX + "{a:" + account.value() + "}";
  }

  /** Messages counted against the account's quota in one period ({@code m:2026-12}, R9). */
  static String usage(AccountId account, String periodKey) {
    return account(account) + ":usage:" + periodKey;
  }

  /** The account's plan (R9): a hash of the package, its period and what it changes to. */
  static String plan(AccountId account) {
    return account(account) + ":plan";
  }

  /** The account's balance in minor units of {@code policy.plans.currency}. */
  static String balance(AccountId account) {
    return account(account) + ":balance";
  }

  /** The account's ledger of top-ups and charges, newest first (JSON entries, never trimmed). */
  static String ledger(AccountId account) {
    return account(account) + ":ledger";
  }

  static String lists(AccountId account) {
    return account(account) + ":lists";
  }

  static String list(AccountId account, String listId) {
    return account(account) + ":list:" + listId;
  }

  static String members(AccountId account, String listId) {
    return list(account, listId) + ":members";
  }

  static String listLock(AccountId account, String listId) {
    return list(account, listId) + ":lock";
  }

  static String suppressed(AccountId account) {
    return account(account) + ":suppressed";
  }

  /** The account's suppressed contact keys, all scored 0: the listing order (by key). */
  static String suppressedOrder(AccountId account) {
    return account(account) + ":suppressed:order";
  }

  static String campaigns(AccountId account) {
    return account(account) + ":campaigns";
  }

  static String campaign(AccountId account, String campaignId) {
    return account(account) + ":campaign:" + campaignId;
  }

  static String campaignRecipients(AccountId account, String campaignId) {
    return campaign(account, campaignId) + ":recipients";
  }

  static String campaignLedger(AccountId account, String campaignId) {
    return campaign(account, campaignId) + ":ledger";
  }

  /** What was counted once per recipient ({@code <counter>:<number>}, a set). */
  static String campaignOnce(AccountId account, String campaignId) {
    return campaign(account, campaignId) + ":once";
  }

  static String campaignStats(AccountId account, String campaignId) {
    return campaign(account, campaignId) + ":stats";
  }

  /** The canary's record (hash), its sample's numbers and contact keys (sets), the audit trail. */
  static String campaignCanary(AccountId account, String campaignId) {
    return campaign(account, campaignId) + ":canary";
  }

  static String campaignCanaryNumbers(AccountId account, String campaignId) {
    return campaign(account, campaignId) + ":canary:numbers";
  }

  static String campaignCanaryContacts(AccountId account, String campaignId) {
    return campaign(account, campaignId) + ":canary:contacts";
  }

  static String campaignAudit(AccountId account, String campaignId) {
    return campaign(account, campaignId) + ":audit";
  }

  /** Canaries every node's monitor scores, and campaigns held for an administrator. */
  static String canaryWatch() {
    return PREFIX + "{g}:canary:watch";
  }

  static String reviewQueue() {
    return PREFIX + "{g}:review:held";
  }

  static String consents(AccountId account) {
    return account(account) + ":consents";
  }

  static String imports(AccountId account) {
    return account(account) + ":imports";
  }

  static String importJob(AccountId account, String importId) {
    return account(account) + ":import:" + importId;
  }

  static String importRejects(AccountId account, String importId) {
    return importJob(account, importId) + ":rejects";
  }

  static String importStaging(AccountId account, String importId) {
    return importJob(account, importId) + ":staging";
  }

  /** The contacts counted in one engagement counter of a campaign ({@code opened}, …). */
  static String campaignEngaged(AccountId account, String campaignId, String counter) {
    return campaign(account, campaignId) + ":engaged:" + counter;
  }

  /** One message's recent clicks (for "every link at once"); expires within a minute. */
  static String campaignRecentClicks(AccountId account, String campaignId, String contactKey) {
    return campaign(account, campaignId) + ":clicks:" + contactKey;
  }

  /** The account's capped log of engagement events. */
  static String events(AccountId account) {
    return account(account) + ":events";
  }

  /**
   * What one SMS short link's code stands for. No hash tag: codes are looked up alone, one key per
   * operation, so they spread over every slot of a cluster.
   */
  static String shortLink(String code) {
    return PREFIX + "sl:" + code;
  }
}
