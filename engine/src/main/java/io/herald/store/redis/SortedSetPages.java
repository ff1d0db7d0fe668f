package io.herald.store.redis;

import io.herald.paging.BadCursor;
import io.herald.paging.Page;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pages through Redis sorted sets. By score, newest first: the position is the last item's score
 * and member, and the next page holds what sorts after it (a lower score, or the same score and a
 * lower member, as Redis orders them), so items added meanwhile never shift a page. By member (all
 * scores 0): the position is the last member.
 */
final class SortedSetPages {
  private static final Pattern POSITION = Pattern.compile("(\\d{1,18}):(.+)", Pattern.DOTALL);

  private SortedSetPages() {}

  /** Members of {@code key} scored by time (ms), newest first. */
  static Page<String> newestFirst(Redis redis, String key, Optional<String> after, int limit) {
    List<ScoredValue<String>> found = new ArrayList<>(limit + 1);
    Range<Long> older = Range.unbounded();
    if (after.isPresent()) {
      Matcher m = POSITION.matcher(after.get());
      if (!m.matches()) {
        throw new BadCursor();
      }
      long score = Long.parseLong(m.group(1));
      String member = m.group(2);
      // Ties: the same score, members below the last one (descending, as ZREVRANGE gives them).
      List<ScoredValue<String>> ties =
          redis.sync().zrangebyscoreWithScores(key, Range.create(score, score));
      for (int i = ties.size() - 1; i >= 0 && found.size() <= limit; i--) {
        if (ties.get(i).getValue().compareTo(member) < 0) {
          found.add(ties.get(i));
        }
      }
      older = Range.from(Range.Boundary.unbounded(), Range.Boundary.excluding(score));
    }
    if (found.size() <= limit) {
      found.addAll(
          redis
              .sync()
              .zrevrangebyscoreWithScores(key, older, Limit.create(0, limit + 1L - found.size())));
    }
    return page(found, limit, v -> (long) v.getScore() + ":" + v.getValue());
  }

  /** Members of {@code key} (all scored 0) in byte order. */
  static Page<String> byMember(Redis redis, String key, Optional<String> after, int limit) {
    Range<String> range =
        after
            .map(a -> Range.from(Range.Boundary.excluding(a), Range.Boundary.<String>unbounded()))
            .orElse(Range.unbounded());
    List<ScoredValue<String>> found = new ArrayList<>();
    for (String member : redis.sync().zrangebylex(key, range, Limit.create(0, limit + 1L))) {
      found.add(ScoredValue.just(0, member));
    }
    return page(found, limit, ScoredValue::getValue);
  }

  private static Page<String> page(
      List<ScoredValue<String>> found,
      int limit,
      java.util.function.Function<ScoredValue<String>, String> position) {
    List<ScoredValue<String>> items = found.subList(0, Math.min(limit, found.size()));
    Optional<String> next =
        found.size() > limit ? Optional.of(position.apply(items.getLast())) : Optional.empty();
    return new Page<>(items.stream().map(ScoredValue::getValue).toList(), next);
  }
}
