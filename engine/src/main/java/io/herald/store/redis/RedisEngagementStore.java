package io.herald.store.redis;

import io.herald.account.AccountId;
import io.herald.campaign.CampaignId;
import io.herald.campaign.Phase;
import io.herald.paging.BadCursor;
import io.herald.paging.Page;
import io.herald.tracking.Engagement;
import io.herald.tracking.EngagementClassifier.Reason;
import io.herald.tracking.EngagementClassifier.RecentClick;
import io.herald.tracking.EngagementClassifier.Verdict;
import io.herald.tracking.EngagementStore;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Engagement in Redis: one set of contact keys per campaign and counter (so counters count unique
 * contacts), the counters in the campaign's stats hash, a short-lived sorted set of each message's
 * recent clicks, and the account's capped event stream. Each event is one Lua script over keys of
 * the account's hash tag, so it is atomic and runs unchanged on Redis Cluster. Keys in {@code
 * docs/redis-keys.md}.
 */
public final class RedisEngagementStore implements EngagementStore {
  /** About this many events stay in an account's log (trimmed with {@code MAXLEN ~}). */
  static final int EVENTS_KEPT = 10_000;

  /** How long a message's recent clicks are remembered; far longer than any burst window. */
  static final Duration RECENT_CLICKS_KEPT = Duration.ofMinutes(1);

  private static final int EVENTS_PAGE = 500;
  private static final java.util.regex.Pattern STREAM_ID =
      java.util.regex.Pattern.compile("(\\d{1,18})-(\\d{1,18})");
  private static final String EVERY_LINK_AT_ONCE = Reason.EVERY_LINK_AT_ONCE.code();

  // KEYS: campaign, canary contacts, stats, human set, machine set, recent clicks, events.
  // ARGV: contact, kind, machine reason ('' = human), at (ms), burst window (ms), campaign id,
  //       source, events kept, recent-clicks lifetime (ms), the every-link-at-once reason.
  // Recent-click markers ('#human': when this contact's click counted as human; '#burst': when a
  // burst was seen) cannot clash with the URLs beside them, which start with http.
  private static final String RECORD =
      """
      if redis.call('EXISTS', KEYS[1]) == 0 then return {'none'} end
      local contact, kind, reason, at = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
      local window = tonumber(ARGV[5])
      local phase = 'all'
      if redis.call('EXISTS', KEYS[2]) == 1 then
        if redis.call('SISMEMBER', KEYS[2], contact) == 1 then phase = 'canary' else phase = 'rest' end
      end
      local function near(marker)
        local t = redis.call('ZSCORE', KEYS[6], marker)
        return t and math.abs(at - tonumber(t)) <= window
      end
      local demoted = 0
      if kind == 'clicked' then
        if reason == ARGV[10] then
          redis.call('ZADD', KEYS[6], at, '#burst')
          redis.call('PEXPIRE', KEYS[6], ARGV[9])
          if near('#human') then
            redis.call('ZREM', KEYS[6], '#human')
            if redis.call('SREM', KEYS[4], contact) == 1 then
              redis.call('HINCRBY', KEYS[3], phase .. '.clicked', -1)
              demoted = 1
            end
          end
        elseif reason == '' and near('#burst') then
          reason = ARGV[10]
        end
      end
      local set, counter = KEYS[4], kind
      if reason ~= '' then set, counter = KEYS[5], kind .. '_machine' end
      local added = redis.call('SADD', set, contact)
      if added == 1 then redis.call('HINCRBY', KEYS[3], phase .. '.' .. counter, 1) end
      if added == 0 and demoted == 0 then return {'repeated', phase, reason} end
      if kind == 'clicked' and reason == '' then
        redis.call('ZADD', KEYS[6], at, '#human')
        redis.call('PEXPIRE', KEYS[6], ARGV[9])
      end
      redis.call('XADD', KEYS[7], 'MAXLEN', '~', ARGV[8], '*', 'at', ARGV[4], 'campaign', ARGV[6],
        'contact', contact, 'kind', kind, 'machine', reason, 'phase', phase, 'source', ARGV[7])
      return {'counted', phase, reason}
      """;

  // KEYS: campaign, recent clicks. ARGV: at (ms), url, forget before (ms), lifetime (ms).
  private static final String NOTE_CLICK =
      """
      if redis.call('EXISTS', KEYS[1]) == 0 then return {} end
      redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[3])
      redis.call('ZADD', KEYS[2], ARGV[1], ARGV[2])
      redis.call('PEXPIRE', KEYS[2], ARGV[4])
      return redis.call('ZRANGE', KEYS[2], 0, -1, 'WITHSCORES')
      """;

  private final Redis redis;
  private final Duration linkBurst;

  /**
   * @param linkBurst the classifier's "every link at once" window, within which a burst and a human
   *     click of the same message are reconciled (see {@link EngagementStore#record})
   */
  public RedisEngagementStore(Redis redis, Duration linkBurst) {
    this.redis = Objects.requireNonNull(redis, "redis");
    if (linkBurst.isNegative() || linkBurst.compareTo(RECENT_CLICKS_KEPT) >= 0) {
      throw new IllegalArgumentException("the link burst window must be under a minute");
    }
    this.linkBurst = linkBurst;
  }

  @Override
  public Recorded record(Engagement e) {
    AccountId account = e.account();
    String campaign = e.campaign().value();
    String counter = e.kind().counter();
    String reason =
        switch (e.verdict()) {
          case Verdict.Human _ -> "";
          case Verdict.Machine m -> m.reason().code();
        };
    List<Object> reply =
        redis.eval(
            RECORD,
            ScriptOutputType.MULTI,
            new String[] {
              Keys.campaign(account, campaign),
              Keys.campaignCanaryContacts(account, campaign),
              Keys.campaignStats(account, campaign),
              Keys.campaignEngaged(account, campaign, counter),
              Keys.campaignEngaged(account, campaign, counter + "_machine"),
              Keys.campaignRecentClicks(account, campaign, e.contactKey()),
              Keys.events(account)
            },
            e.contactKey(),
            counter,
            reason,
            Long.toString(e.at().toEpochMilli()),
            Long.toString(linkBurst.toMillis()),
            campaign,
            e.source(),
            Integer.toString(EVENTS_KEPT),
            Long.toString(RECENT_CLICKS_KEPT.toMillis()),
            EVERY_LINK_AT_ONCE);
    String status = (String) reply.getFirst();
    if (status.equals("none")) {
      return new Recorded.NoCampaign();
    }
    Phase phase = phase((String) reply.get(1));
    Verdict verdict = verdict((String) reply.get(2));
    return status.equals("counted")
        ? new Recorded.Counted(phase, verdict)
        : new Recorded.Repeated(phase, verdict);
  }

  @Override
  public List<RecentClick> noteClick(
      AccountId account, CampaignId campaign, String contactKey, String url, Instant at) {
    long now = at.toEpochMilli();
    List<Object> reply =
        redis.eval(
            NOTE_CLICK,
            ScriptOutputType.MULTI,
            new String[] {
              Keys.campaign(account, campaign.value()),
              Keys.campaignRecentClicks(account, campaign.value(), contactKey)
            },
            Long.toString(now),
            url,
            Long.toString(now - RECENT_CLICKS_KEPT.toMillis()),
            Long.toString(RECENT_CLICKS_KEPT.toMillis()));
    List<RecentClick> clicks = new ArrayList<>();
    for (int i = 0; i + 1 < reply.size(); i += 2) {
      String member = (String) reply.get(i);
      if (!member.startsWith("#")) {
        long ms = (long) Double.parseDouble((String) reply.get(i + 1));
        clicks.add(new RecentClick(member, Instant.ofEpochMilli(ms)));
      }
    }
    return clicks;
  }

  @Override
  public Page<Logged> events(
      AccountId account, CampaignId campaign, Optional<String> before, int limit) {
    String key = Keys.events(account);
    Range<String> range = Range.unbounded();
    if (before.isPresent()) {
      long[] cursor = streamId(before.get()).orElseThrow(BadCursor::new);
      List<StreamMessage<String, String>> oldest =
          redis.sync().xrange(key, Range.unbounded(), Limit.from(1));
      if (oldest.isEmpty()
          || compare(streamId(oldest.getFirst().getId()).orElseThrow(), cursor) > 0) {
        throw new BadCursor(); // the log was trimmed past the cursor
      }
      range = Range.from(Range.Boundary.unbounded(), Range.Boundary.excluding(before.get()));
    }
    // One more than asked tells whether another page follows.
    List<Logged> found = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    while (found.size() <= limit) {
      List<StreamMessage<String, String>> page =
          redis.sync().xrevrange(key, range, Limit.from(EVENTS_PAGE));
      for (StreamMessage<String, String> message : page) {
        Map<String, String> f = message.getBody();
        if (campaign.value().equals(f.get("campaign")) && found.size() <= limit) {
          found.add(logged(account, campaign, f));
          ids.add(message.getId());
        }
      }
      if (page.size() < EVENTS_PAGE) {
        break;
      }
      range =
          Range.from(Range.Boundary.unbounded(), Range.Boundary.excluding(page.getLast().getId()));
    }
    return found.size() > limit
        ? new Page<>(found.subList(0, limit), Optional.of(ids.get(limit - 1)))
        : new Page<>(found, Optional.empty());
  }

  private static Optional<long[]> streamId(String id) {
    java.util.regex.Matcher m = STREAM_ID.matcher(id);
    return m.matches()
        ? Optional.of(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))})
        : Optional.empty();
  }

  private static int compare(long[] a, long[] b) {
    return a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]);
  }

  private static Logged logged(AccountId account, CampaignId campaign, Map<String, String> f) {
    return new Logged(
        new Engagement(
            account,
            campaign,
            f.get("contact"),
            Engagement.Kind.valueOf(f.get("kind").toUpperCase(Locale.ROOT)),
            verdict(f.getOrDefault("machine", "")),
            f.getOrDefault("source", ""),
            Instant.ofEpochMilli(Long.parseLong(f.get("at")))),
        phase(f.get("phase")));
  }

  private static Verdict verdict(String reason) {
    return reason.isEmpty()
        ? new Verdict.Human()
        : new Verdict.Machine(Reason.valueOf(reason.toUpperCase(Locale.ROOT)));
  }

  private static Phase phase(String phase) {
    return Phase.valueOf(phase.toUpperCase(Locale.ROOT));
  }
}
