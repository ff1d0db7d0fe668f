package io.herald.store.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.account.AccountId;
import io.herald.campaign.Campaign;
import io.herald.campaign.CampaignId;
import io.herald.campaign.CampaignState;
import io.herald.campaign.CampaignStats;
import io.herald.campaign.CampaignStore;
import io.herald.campaign.Channel;
import io.herald.campaign.Phase;
import io.herald.campaign.Recipient;
import io.herald.campaign.ViberSpec;
import io.herald.paging.Page;
import io.lettuce.core.ScriptOutputType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Campaigns in Redis: a hash per campaign, its audience snapshot, a ledger of final outcomes per
 * recipient (written once, with HSETNX, so a reclaimed duplicate is never counted twice) and
 * per-phase counters. Keys in {@code docs/redis-keys.md}.
 */
public final class RedisCampaignStore implements CampaignStore {
  private static final String TRANSITION =
      """
      if redis.call('HGET', KEYS[1], 'state') ~= ARGV[1] then return 0 end
      if redis.call('HGET', KEYS[1], 'phase') ~= ARGV[2] then return 0 end
      redis.call('HSET', KEYS[1], 'state', ARGV[3], 'phase', ARGV[4])
      return 1
      """;

  // Outcomes of one campaign in one step; ARGV holds number, phase, counter, sent (1 or 0) per
  // outcome. The ledger field is set only if absent, so a reclaimed duplicate counts nothing (-1);
  // counters are added up first and incremented once per counter.
  private static final String RECORD_FINALS =
      """
      local out, adds, total = {}, {}, 0
      local finals = tonumber(redis.call('HGET', KEYS[2], 'finals') or '0')
      for i = 1, #ARGV, 4 do
        if redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 2]) == 0 then
          out[#out + 1] = -1
        else
          local c = ARGV[i + 1] .. '.' .. ARGV[i + 2]
          adds[c] = (adds[c] or 0) + 1
          if ARGV[i + 3] == '1' then
            adds[ARGV[i + 1] .. '.sent'] = (adds[ARGV[i + 1] .. '.sent'] or 0) + 1
          end
          total = total + 1
          out[#out + 1] = finals + total
        end
      end
      for c, n in pairs(adds) do redis.call('HINCRBY', KEYS[2], c, n) end
      if total > 0 then redis.call('HINCRBY', KEYS[2], 'finals', total) end
      return out
      """;

  // State and phase once, then per recipient number in ARGV: ledger, snapshot entry and
  // suppression — the worker's checks of a claimed batch in one round trip (all keys share the
  // account's hash tag).
  private static final String CHECK =
      """
      local out = {redis.call('HGET', KEYS[1], 'state') or '',
                   redis.call('HGET', KEYS[1], 'phase') or ''}
      for i = 1, #ARGV do
        local recipient = redis.call('HGET', KEYS[3], ARGV[i])
        local suppressed = 0
        if recipient then
          -- its key (the email when it has one) or its phone, as the snapshot excluded them
          local r = cjson.decode(recipient)
          suppressed = redis.call('HEXISTS', KEYS[4], r['key'])
          if suppressed == 0 and r['phone'] then
            suppressed = redis.call('HEXISTS', KEYS[4], 'p:' .. r['phone'])
          end
        end
        out[#out + 1] = redis.call('HGET', KEYS[2], ARGV[i]) or false
        out[#out + 1] = recipient or ''
        out[#out + 1] = suppressed
      end
      return out
      """;

  private final Redis redis;
  private final Json json;
  private final LateOutcomes late;

  public RedisCampaignStore(Redis redis, ObjectMapper mapper) {
    this.redis = redis;
    this.json = new Json(mapper);
    this.late = new LateOutcomes(redis);
  }

  /** The snapshot form of a recipient (the field is its number). */
  @com.fasterxml.jackson.annotation.JsonInclude(
      com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
  private record StoredRecipient(
      String key, String email, String phone, String name, Map<String, String> fields) {}

  @Override
  public void create(Campaign c) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("id", c.id().value());
    fields.put("channel", c.channel().wireName());
    fields.put("listName", c.listName());
    fields.put("filter", json.write(c.filter()));
    fields.put("fromName", c.fromName());
    fields.put("fromAddress", c.fromAddress());
    fields.put("replyTo", c.replyTo().orElse(""));
    fields.put("subject", c.subject());
    fields.put("html", c.html());
    fields.put("text", c.text().orElse(""));
    fields.put("recipients", Long.toString(c.recipients()));
    fields.put("createdAt", c.createdAt().toString());
    fields.put("trackClicks", Boolean.toString(c.trackClicks()));
    c.viber().ifPresent(v -> fields.put("viber", json.write(v)));
    fields.putAll(stateFields(c.state()));
    redis.sync().hset(Keys.campaign(c.account(), c.id().value()), fields);
    redis.sync().zadd(Keys.campaigns(c.account()), c.createdAt().toEpochMilli(), c.id().value());
  }

  @Override
  public Optional<Campaign> find(AccountId account, CampaignId id) {
    Map<String, String> f = redis.sync().hgetall(Keys.campaign(account, id.value()));
    if (f.isEmpty()) {
      return Optional.empty();
    }
    @SuppressWarnings("unchecked")
    Map<String, String> filter = json.read(f.get("filter"), Map.class);
    return Optional.of(
        new Campaign(
            account,
            id,
            Channel.ofWireName(f.getOrDefault("channel", "email")).orElseThrow(),
            f.get("listName"),
            filter,
            f.get("fromName"),
            f.get("fromAddress"),
            optional(f.get("replyTo")),
            f.get("subject"),
            f.get("html"),
            optional(f.get("text")),
            state(f.get("state"), f.get("phase")),
            Long.parseLong(f.getOrDefault("recipients", "0")),
            Instant.parse(f.get("createdAt")),
            !"false".equals(f.get("trackClicks")),
            optional(f.get("viber")).map(v -> json.read(v, ViberSpec.class))));
  }

  @Override
  public Page<Campaign> list(AccountId account, Optional<String> after, int limit) {
    Page<String> ids = SortedSetPages.newestFirst(redis, Keys.campaigns(account), after, limit);
    return new Page<>(
        ids.items().stream().flatMap(id -> find(account, new CampaignId(id)).stream()).toList(),
        ids.next());
  }

  @Override
  public boolean transition(
      AccountId account, CampaignId id, CampaignState expected, CampaignState next) {
    Map<String, String> from = stateFields(expected);
    Map<String, String> to = stateFields(next);
    Long done =
        redis.eval(
            TRANSITION,
            ScriptOutputType.INTEGER,
            new String[] {Keys.campaign(account, id.value())},
            from.get("state"),
            from.get("phase"),
            to.get("state"),
            to.get("phase"));
    return done != null && done == 1L;
  }

  @Override
  public void addRecipients(AccountId account, CampaignId id, List<Recipient> recipients) {
    if (!recipients.isEmpty()) {
      Map<String, String> values = new HashMap<>(recipients.size() * 2);
      for (Recipient r : recipients) {
        values.put(
            Long.toString(r.number()),
            json.write(
                new StoredRecipient(
                    r.contactKey(),
                    emptyAsNull(r.email()),
                    emptyAsNull(r.phone()),
                    r.name(),
                    r.fields())));
      }
      redis.sync().hset(Keys.campaignRecipients(account, id.value()), values);
    }
  }

  @Override
  public void setRecipientCount(AccountId account, CampaignId id, long total) {
    redis.sync().hset(Keys.campaign(account, id.value()), "recipients", Long.toString(total));
  }

  private Recipient toRecipient(long number, String value) {
    StoredRecipient s = json.read(value, StoredRecipient.class);
    return new Recipient(
        number,
        s.key(),
        s.email() == null ? "" : s.email(),
        s.phone() == null ? "" : s.phone(),
        s.name(),
        s.fields() == null ? Map.of() : s.fields());
  }

  @Override
  public long recordFinal(
      AccountId account, CampaignId id, long number, Phase phase, String counter) {
    return recordFinals(account, id, List.of(new Final(number, phase, counter, false))).getFirst();
  }

  @Override
  public long recordSentFinal(
      AccountId account, CampaignId id, long number, Phase phase, String counter) {
    return recordFinals(account, id, List.of(new Final(number, phase, counter, true))).getFirst();
  }

  @Override
  public List<Long> recordFinals(AccountId account, CampaignId id, List<Final> finals) {
    if (finals.isEmpty()) {
      return List.of();
    }
    String[] args = new String[finals.size() * 4];
    int a = 0;
    for (Final f : finals) {
      args[a++] = Long.toString(f.number());
      args[a++] = f.phase().name().toLowerCase(java.util.Locale.ROOT);
      args[a++] = f.counter();
      args[a++] = f.sent() ? "1" : "0";
    }
    List<Object> recorded =
        redis.eval(
            RECORD_FINALS,
            ScriptOutputType.MULTI,
            new String[] {
              Keys.campaignLedger(account, id.value()), Keys.campaignStats(account, id.value())
            },
            args);
    return recorded.stream().map(r -> (Long) r).toList();
  }

  @Override
  public SendCheck check(AccountId account, CampaignId id, long number) {
    return checkAll(account, id, List.of(number)).getFirst();
  }

  @Override
  public List<SendCheck> checkAll(AccountId account, CampaignId id, List<Long> numbers) {
    if (numbers.isEmpty()) {
      return List.of();
    }
    List<Object> found =
        redis.eval(
            CHECK,
            ScriptOutputType.MULTI,
            new String[] {
              Keys.campaign(account, id.value()),
              Keys.campaignLedger(account, id.value()),
              Keys.campaignRecipients(account, id.value()),
              Keys.suppressed(account)
            },
            numbers.stream().map(n -> Long.toString(n)).toArray(String[]::new));
    String state = (String) found.get(0);
    Optional<CampaignState> current =
        state.isEmpty() ? Optional.empty() : Optional.of(state(state, (String) found.get(1)));
    List<SendCheck> checks = new ArrayList<>(numbers.size());
    for (int i = 0; i < numbers.size(); i++) {
      int at = 2 + i * 3;
      String recipient = (String) found.get(at + 1);
      checks.add(
          new SendCheck(
              current,
              Optional.ofNullable((String) found.get(at)),
              recipient.isEmpty()
                  ? Optional.empty()
                  : Optional.of(toRecipient(numbers.get(i), recipient)),
              ((Long) found.get(at + 2)) == 1L));
    }
    return checks;
  }

  @Override
  public void count(AccountId account, CampaignId id, Phase phase, String counter) {
    countBy(account, id, phase, counter, 1);
  }

  @Override
  public void countBy(AccountId account, CampaignId id, Phase phase, String counter, long by) {
    redis
        .sync()
        .hincrby(Keys.campaignStats(account, id.value()), CampaignStats.key(phase, counter), by);
  }

  @Override
  public CampaignStats stats(AccountId account, CampaignId id) {
    Map<String, Long> counters = new LinkedHashMap<>();
    redis
        .sync()
        .hgetall(Keys.campaignStats(account, id.value()))
        .forEach((k, v) -> counters.put(k, Long.parseLong(v)));
    return new CampaignStats(counters);
  }

  @Override
  public long finals(AccountId account, CampaignId id) {
    String value = redis.sync().hget(Keys.campaignStats(account, id.value()), "finals");
    return value == null ? 0 : Long.parseLong(value);
  }

  @Override
  public boolean recordLateBounce(AccountId account, CampaignId id, long number, String counter) {
    // A DSN for a message still being retried: its attempts were counted as sent when deferred.
    return late.move(account, id, number, "delivered", counter, false);
  }

  @Override
  public boolean recordLateOutcome(
      AccountId account, CampaignId id, long number, String expected, String counter) {
    return late.move(account, id, number, expected, counter, true);
  }

  @Override
  public List<Boolean> recordLateOutcomes(
      AccountId account, CampaignId id, List<LateOutcome> outcomes) {
    return late.moveAll(account, id, outcomes);
  }

  @Override
  public boolean countOnce(AccountId account, CampaignId id, long number, String counter) {
    return late.countOnce(account, id, number, counter);
  }

  /** An absent address is left out of the snapshot's JSON (a null field is not written). */
  private static String emptyAsNull(String value) {
    return value.isEmpty() ? null : value;
  }

  private static Optional<String> optional(String value) {
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  static Map<String, String> stateFields(CampaignState state) {
    String phase =
        switch (state) {
          case CampaignState.Sending s -> s.phase().name();
          case CampaignState.Paused p -> p.phase().name();
          default -> "";
        };
    return Map.of("state", state.name(), "phase", phase);
  }

  static CampaignState state(String name, String phase) {
    return switch (name) {
      case "draft" -> new CampaignState.Draft();
      case "sending" -> new CampaignState.Sending(Phase.valueOf(phase));
      case "paused" -> new CampaignState.Paused(Phase.valueOf(phase));
      case "completed" -> new CampaignState.Completed();
      case "cancelled" -> new CampaignState.Cancelled();
      case "held" -> new CampaignState.Held();
      case "rejected" -> new CampaignState.Rejected();
      default -> throw new IllegalStateException("unknown campaign state in Redis: " + name);
    };
  }
}
