package io.herald.store.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.account.AccountId;
import io.herald.plan.LedgerEntry;
import io.herald.plan.PlanStore;
import io.herald.plan.Subscription;
import io.lettuce.core.ScriptOutputType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An account's plan, balance and ledger (R9) in three keys of its hash tag, changed only by
 * scripts: a plan change is a compare-and-set on its version that charges the balance only when it
 * covers the charge, and every change of money writes its ledger line with the balance after it in
 * the same step.
 */
public final class RedisPlanStore implements PlanStore {
  // KEYS: plan, balance, ledger. ARGV: expected version, charge, the entry's JSON without its
  // closing brace (the balance after it is added here), then the new plan's fields and values.
  private static final String CHANGE =
      """
      local v = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
      if v ~= tonumber(ARGV[1]) then return 0 end
      local charge = tonumber(ARGV[2])
      local balance = tonumber(redis.call('GET', KEYS[2]) or '0')
      if charge > balance then return -1 end
      if charge > 0 then balance = redis.call('DECRBY', KEYS[2], charge) end
      redis.call('DEL', KEYS[1])
      redis.call('HSET', KEYS[1], 'version', tostring(v + 1), unpack(ARGV, 4))
      redis.call('LPUSH', KEYS[3], ARGV[3] .. ',"balanceMinor":' .. tostring(balance) .. '}')
      return 1
      """;

  // KEYS: balance, ledger. ARGV: amount, the entry's JSON without its closing brace.
  private static final String TOP_UP =
      """
      local balance = redis.call('INCRBY', KEYS[1], ARGV[1])
      redis.call('LPUSH', KEYS[2], ARGV[2] .. ',"balanceMinor":' .. tostring(balance) .. '}')
      return balance
      """;

  private final Redis redis;
  private final ObjectMapper json;

  public RedisPlanStore(Redis redis, ObjectMapper json) {
    this.redis = redis;
    this.json = json;
  }

  /** A ledger entry as stored: the balance after it is written by the script. */
  private record Stored(
      Instant at, String kind, long amountMinor, String plan, String by, String note) {}

  @Override
  public Subscription find(AccountId account) {
    Map<String, String> h = redis.sync().hgetall(Keys.plan(account));
    long version = Long.parseLong(h.getOrDefault("version", "0"));
    if (h.isEmpty() || "free".equals(h.get("plan"))) {
      return Subscription.free(version);
    }
    String next = h.getOrDefault("next", "");
    return new Subscription(
        h.get("plan"),
        Instant.ofEpochMilli(Long.parseLong(h.get("start"))),
        Long.parseLong(h.get("messages")),
        Long.parseLong(h.get("subscribers")),
        Long.parseLong(h.get("price")),
        Long.parseLong(h.get("carried")),
        next.isEmpty() ? Optional.empty() : Optional.of(next),
        version);
  }

  @Override
  public Change change(
      AccountId account,
      long expectedVersion,
      long chargeMinor,
      Subscription next,
      LedgerEntry entry) {
    List<String> args = new ArrayList<>();
    args.add(Long.toString(expectedVersion));
    args.add(Long.toString(chargeMinor));
    args.add(open(entry));
    args.addAll(
        List.of(
            "plan",
            next.plan(),
            "start",
            Long.toString(next.start().toEpochMilli()),
            "messages",
            Long.toString(next.messages()),
            "subscribers",
            Long.toString(next.subscribers()),
            "price",
            Long.toString(next.priceMinor()),
            "carried",
            Long.toString(next.carried()),
            "next",
            next.next().orElse("")));
    Long result =
        redis.eval(
            CHANGE,
            ScriptOutputType.INTEGER,
            new String[] {Keys.plan(account), Keys.balance(account), Keys.ledger(account)},
            args.toArray(String[]::new));
    return switch (result.intValue()) {
      case 1 -> Change.DONE;
      case 0 -> Change.STALE;
      default -> Change.INSUFFICIENT;
    };
  }

  @Override
  public LedgerEntry topUp(AccountId account, LedgerEntry entry) {
    Long balance =
        redis.eval(
            TOP_UP,
            ScriptOutputType.INTEGER,
            new String[] {Keys.balance(account), Keys.ledger(account)},
            Long.toString(entry.amountMinor()),
            open(entry));
    return new LedgerEntry(
        entry.at(),
        entry.kind(),
        entry.amountMinor(),
        balance,
        entry.plan(),
        entry.by(),
        entry.note());
  }

  @Override
  public long balance(AccountId account) {
    String value = redis.sync().get(Keys.balance(account));
    return value == null ? 0 : Long.parseLong(value);
  }

  @Override
  public List<LedgerEntry> ledger(AccountId account, int limit) {
    return redis.sync().lrange(Keys.ledger(account), 0, limit - 1L).stream()
        .map(this::read)
        .toList();
  }

  /** The entry's JSON without the balance and without its closing brace, for a script to end. */
  private String open(LedgerEntry e) {
    try {
      String whole =
          json.writeValueAsString(
              new Stored(e.at(), e.kind(), e.amountMinor(), e.plan(), e.by(), e.note()));
      return whole.substring(0, whole.length() - 1);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("a ledger entry always serialises", ex);
    }
  }

  private LedgerEntry read(String value) {
    try {
      return json.readValue(value, LedgerEntry.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt ledger entry in Redis", e);
    }
  }
}
