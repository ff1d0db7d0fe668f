package io.herald.store.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.account.AccountId;
import io.herald.campaign.CampaignId;
import io.herald.canary.AuditEntry;
import io.herald.canary.CanaryRecord;
import io.herald.canary.CanaryStore;
import io.lettuce.core.ScriptOutputType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Canaries in Redis: a hash per campaign's canary, its sample as two sets (recipient numbers, for
 * dispatching the rest; contact keys, for attributing engagement to the canary), the audit trail as
 * a list, and two global sets — the canaries under watch and the campaigns held for review. Keys in
 * {@code docs/redis-keys.md}.
 */
public final class RedisCanaryStore implements CanaryStore {
  // The sample's contact keys, read from the snapshot in the same step as the numbers are stored.
  private static final String BEGIN =
      """
      redis.call('HSET', KEYS[1], unpack(ARGV, 2, 1 + 2 * tonumber(ARGV[1])))
      for i = 2 + 2 * tonumber(ARGV[1]), #ARGV do
        redis.call('SADD', KEYS[2], ARGV[i])
        local recipient = redis.call('HGET', KEYS[4], ARGV[i])
        if recipient then redis.call('SADD', KEYS[3], cjson.decode(recipient)['key']) end
      end
      return 1
      """;

  private final Redis redis;
  private final Json json;

  public RedisCanaryStore(Redis redis, ObjectMapper mapper) {
    this.redis = redis;
    this.json = new Json(mapper);
  }

  @Override
  public void begin(
      AccountId account, CampaignId campaign, CanaryRecord record, List<Long> numbers) {
    Map<String, String> fields = fields(record);
    List<String> args = new ArrayList<>();
    args.add(Integer.toString(fields.size()));
    fields.forEach(
        (k, v) -> {
          args.add(k);
          args.add(v);
        });
    numbers.forEach(n -> args.add(Long.toString(n)));
    String id = campaign.value();
    redis.eval(
        BEGIN,
        ScriptOutputType.INTEGER,
        new String[] {
          Keys.campaignCanary(account, id),
          Keys.campaignCanaryNumbers(account, id),
          Keys.campaignCanaryContacts(account, id),
          Keys.campaignRecipients(account, id)
        },
        args.toArray(String[]::new));
    redis.sync().sadd(Keys.canaryWatch(), ref(account, campaign));
  }

  private static Map<String, String> fields(CanaryRecord r) {
    Map<String, String> fields = new HashMap<>();
    fields.put("size", Integer.toString(r.size()));
    fields.put("seed", Long.toString(r.seed()));
    fields.put("started", Long.toString(r.started().toEpochMilli()));
    r.sendsFinished().ifPresent(t -> fields.put("sendsFinished", Long.toString(t.toEpochMilli())));
    fields.put("decision", r.decision());
    fields.put("report", r.report());
    r.rejection().ifPresent(reason -> fields.put("rejection", reason));
    fields.put("restDispatched", r.restDispatched() ? "1" : "0");
    return fields;
  }

  @Override
  public Optional<CanaryRecord> find(AccountId account, CampaignId campaign) {
    Map<String, String> f = redis.sync().hgetall(Keys.campaignCanary(account, campaign.value()));
    if (f.isEmpty() || !f.containsKey("started")) {
      return Optional.empty();
    }
    return Optional.of(
        new CanaryRecord(
            Integer.parseInt(f.get("size")),
            Long.parseLong(f.get("seed")),
            Instant.ofEpochMilli(Long.parseLong(f.get("started"))),
            Optional.ofNullable(f.get("sendsFinished"))
                .map(t -> Instant.ofEpochMilli(Long.parseLong(t))),
            f.getOrDefault("decision", "wait"),
            f.getOrDefault("report", ""),
            Optional.ofNullable(f.get("rejection")),
            "1".equals(f.get("restDispatched"))));
  }

  @Override
  public List<Long> numbers(AccountId account, CampaignId campaign) {
    return redis.sync().smembers(Keys.campaignCanaryNumbers(account, campaign.value())).stream()
        .map(Long::parseLong)
        .sorted()
        .toList();
  }

  @Override
  public List<Ref> watched() {
    return refs(redis.sync().smembers(Keys.canaryWatch()));
  }

  @Override
  public void unwatch(AccountId account, CampaignId campaign) {
    redis.sync().srem(Keys.canaryWatch(), ref(account, campaign));
  }

  @Override
  public void sendsFinished(AccountId account, CampaignId campaign, Instant at) {
    redis
        .sync()
        .hsetnx(
            Keys.campaignCanary(account, campaign.value()),
            "sendsFinished",
            Long.toString(at.toEpochMilli()));
  }

  @Override
  public void decided(AccountId account, CampaignId campaign, String decision, String report) {
    redis
        .sync()
        .hset(
            Keys.campaignCanary(account, campaign.value()),
            Map.of("decision", decision, "report", report));
  }

  @Override
  public void rejected(AccountId account, CampaignId campaign, String reason) {
    redis.sync().hset(Keys.campaignCanary(account, campaign.value()), "rejection", reason);
  }

  @Override
  public void restDispatched(AccountId account, CampaignId campaign) {
    redis.sync().hset(Keys.campaignCanary(account, campaign.value()), "restDispatched", "1");
  }

  @Override
  public void queueForReview(AccountId account, CampaignId campaign, boolean held) {
    if (held) {
      redis.sync().sadd(Keys.reviewQueue(), ref(account, campaign));
    } else {
      redis.sync().srem(Keys.reviewQueue(), ref(account, campaign));
    }
  }

  @Override
  public List<Ref> heldForReview() {
    return refs(redis.sync().smembers(Keys.reviewQueue()));
  }

  @Override
  public void audit(AccountId account, CampaignId campaign, AuditEntry entry) {
    redis
        .sync()
        .rpush(
            Keys.campaignAudit(account, campaign.value()),
            json.write(
                new StoredEntry(
                    entry.at().toEpochMilli(), entry.actor(), entry.action(), entry.detail())));
  }

  @Override
  public List<AuditEntry> auditTrail(AccountId account, CampaignId campaign) {
    return redis.sync().lrange(Keys.campaignAudit(account, campaign.value()), 0, -1).stream()
        .map(text -> json.read(text, StoredEntry.class))
        .map(e -> new AuditEntry(Instant.ofEpochMilli(e.at()), e.actor(), e.action(), e.detail()))
        .toList();
  }

  private record StoredEntry(long at, String actor, String action, String detail) {}

  private static String ref(AccountId account, CampaignId campaign) {
    return account.value() + ":" + campaign.value();
  }

  private static List<Ref> refs(java.util.Set<String> members) {
    return members.stream()
        .sorted()
        .map(m -> new Ref(new AccountId(m.substring(0, 16)), new CampaignId(m.substring(17))))
        .toList();
  }
}
