package io.herald.store.redis;

import io.herald.account.AccountId;
import io.herald.audience.Consent;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Resolves consent ids to records for one pass over contacts (an export, an import's lookups). A
 * list holds contacts from few imports, so a handful of reads serve any number of contacts. A
 * consent that cannot be found is reported as such rather than invented.
 */
final class ConsentCache {
  private final Redis redis;
  private final Json json;
  private final AccountId account;
  private final Map<String, Consent> known = new HashMap<>();

  ConsentCache(Redis redis, Json json, AccountId account) {
    this.redis = redis;
    this.json = json;
    this.account = account;
  }

  void remember(Consent consent) {
    known.put(consent.id(), consent);
  }

  Consent get(String id) {
    return known.computeIfAbsent(
        id,
        missing -> {
          String value = redis.sync().hget(Keys.consents(account), missing);
          return value == null
              ? new Consent(missing, "unknown (consent record missing)", Instant.EPOCH, "")
              : json.read(value, Consent.class);
        });
  }
}
