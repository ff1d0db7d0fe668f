package io.herald.store.redis;

import io.herald.account.AccountId;
import io.herald.campaign.CampaignId;
import io.herald.campaign.CampaignStore.LateOutcome;
import io.lettuce.core.ScriptOutputType;
import java.util.ArrayList;
import java.util.List;

/**
 * What happens to a campaign recipient after its send was recorded, for {@link RedisCampaignStore}:
 * a late outcome moves its ledger entry by compare-and-set (a DSN's bounce, an SMS receipt, a Viber
 * report, a fallback's outcome) and its counters with it, in its phase; and what is counted at most
 * once per recipient ({@code seen}, {@code fallen_back}, {@code blocked}). Every script writes
 * nothing for a campaign that is gone (R12).
 */
final class LateOutcomes {
  // A late outcome: a DSN after delivery (delivered -> bounced_*) or an SMS receipt (submitted ->
  // delivered, undeliverable, ...) in the recipient's phase (canary when it is in the sample, rest
  // when the campaign had a canary, all otherwise), at most once per recipient. ARGV[4] = '1': an
  // outcome that comes first also counts the message as sent (its own record will count nothing).
  private static final String LATE =
      """
      local function late(number, counter, expected, sentWhenFirst)
        local previous = redis.call('HGET', KEYS[1], number)
        if previous == counter then return 0 end
        -- a recipient waiting for its fallback (fallback_pending) takes any later outcome
        if previous and previous ~= expected and previous ~= 'fallback_pending' then return 0 end
        local phase = 'all'
        if redis.call('SISMEMBER', KEYS[3], number) == 1 then phase = 'canary'
        elseif redis.call('EXISTS', KEYS[4]) == 1 then phase = 'rest' end
        redis.call('HSET', KEYS[1], number, counter)
        if previous then
          redis.call('HINCRBY', KEYS[2], phase .. '.' .. previous, -1)
        else
          redis.call('HINCRBY', KEYS[2], 'finals', 1)
          if sentWhenFirst == '1' then redis.call('HINCRBY', KEYS[2], phase .. '.sent', 1) end
        end
        redis.call('HINCRBY', KEYS[2], phase .. '.' .. counter, 1)
        return 1
      end
      """;

  // Counts a counter once per recipient (a set of "<counter>:<number>"), in the recipient's phase.
  private static final String COUNT_ONCE =
      """
      if redis.call('EXISTS', KEYS[5]) == 0 then return 0 end -- gone (R12): write nothing again
      if redis.call('SADD', KEYS[1], ARGV[2] .. ':' .. ARGV[1]) == 0 then return 0 end
      local phase = 'all'
      if redis.call('SISMEMBER', KEYS[3], ARGV[1]) == 1 then phase = 'canary'
      elseif redis.call('EXISTS', KEYS[4]) == 1 then phase = 'rest' end
      redis.call('HINCRBY', KEYS[2], phase .. '.' .. ARGV[2], 1)
      return 1
      """;

  private static final String LATE_BOUNCE =
      LATE
          + """
          if redis.call('EXISTS', KEYS[5]) == 0 then return 0 end -- gone (R12): write nothing again
          return late(ARGV[1], ARGV[2], ARGV[3], ARGV[4])
          """;

  // Many late outcomes of one campaign: ARGV in fours as above; answers 1 or 0 for each.
  private static final String LATE_OUTCOMES =
      LATE
          + """
          local moved = {}
          local gone = redis.call('EXISTS', KEYS[5]) == 0
          for i = 1, #ARGV, 4 do
            if gone then moved[#moved + 1] = 0
            else moved[#moved + 1] = late(ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]) end
          end
          return moved
          """;

  private final Redis redis;

  LateOutcomes(Redis redis) {
    this.redis = redis;
  }

  /** {@link io.herald.campaign.CampaignStore#countOnce}. */
  boolean countOnce(AccountId account, CampaignId id, long number, String counter) {
    Long counted =
        redis.eval(
            COUNT_ONCE,
            ScriptOutputType.INTEGER,
            new String[] {
              Keys.campaignOnce(account, id.value()),
              Keys.campaignStats(account, id.value()),
              Keys.campaignCanaryNumbers(account, id.value()),
              Keys.campaignCanary(account, id.value()),
              Keys.campaign(account, id.value())
            },
            Long.toString(number),
            counter);
    return counted != null && counted == 1L;
  }

  /** Many recipients' moves of one campaign in one script; whether each moved, in order. */
  List<Boolean> moveAll(AccountId account, CampaignId id, List<LateOutcome> outcomes) {
    if (outcomes.isEmpty()) {
      return List.of();
    }
    List<String> args = new ArrayList<>(outcomes.size() * 4);
    for (LateOutcome o : outcomes) {
      args.addAll(List.of(Long.toString(o.number()), o.counter(), o.expected(), "1"));
    }
    List<Object> moved =
        redis.eval(
            LATE_OUTCOMES,
            ScriptOutputType.MULTI,
            lateKeys(account, id),
            args.toArray(String[]::new));
    return moved.stream().map(m -> Long.valueOf(1).equals(m)).toList();
  }

  private static String[] lateKeys(AccountId account, CampaignId id) {
    return new String[] {
      Keys.campaignLedger(account, id.value()),
      Keys.campaignStats(account, id.value()),
      Keys.campaignCanaryNumbers(account, id.value()),
      Keys.campaignCanary(account, id.value()),
      Keys.campaign(account, id.value())
    };
  }

  /** One recipient's move (see {@link io.herald.campaign.CampaignStore#recordLateOutcome}). */
  boolean move(
      AccountId account,
      CampaignId id,
      long number,
      String expected,
      String counter,
      boolean sentWhenFirst) {
    Long moved =
        redis.eval(
            LATE_BOUNCE,
            ScriptOutputType.INTEGER,
            lateKeys(account, id),
            Long.toString(number),
            counter,
            expected,
            sentWhenFirst ? "1" : "0");
    return moved != null && moved == 1L;
  }
}
