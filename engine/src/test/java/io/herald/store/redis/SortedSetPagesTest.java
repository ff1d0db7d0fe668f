package io.herald.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.account.AccountId;
import io.herald.app.HeraldNode;
import io.herald.audience.Suppression;
import io.herald.paging.BadCursor;
import io.herald.paging.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Paging through sorted sets on a real Redis: ties, inserts between pages, legacy data. */
class SortedSetPagesTest {
  static final AccountId ACCOUNT = new AccountId("00000000000000a1");

  @RegisterExtension static final LiveRedis live = new LiveRedis();
  Redis redis;

  @BeforeEach
  void fresh() {
    redis = live.redis(); // emptied by the extension
  }

  @Test
  void newestFirstWalksTiesAndOlderScoresOnceEachWhileNewOnesArrive() {
    // Five members share one millisecond, three are older, one newer.
    for (String m : List.of("b", "d", "a", "e", "c")) {
      redis.sync().zadd("z", 2000, m);
    }
    redis.sync().zadd("z", 1000, "x");
    redis.sync().zadd("z", 1000, "y");
    redis.sync().zadd("z", 500, "w");
    redis.sync().zadd("z", 3000, "n");
    List<String> seen = new ArrayList<>();
    Optional<String> after = Optional.empty();
    int page = 0;
    do {
      Page<String> p = SortedSetPages.newestFirst(redis, "z", after, 2);
      seen.addAll(p.items());
      after = p.next();
      // Inserts between pages: newer, within the tie (before and after the position), older.
      redis.sync().zadd("z", 4000 + page, "new" + page);
      redis.sync().zadd("z", 2000, "a" + page);
      redis.sync().zadd("z", 100 - page, "old" + page);
      page++;
    } while (after.isPresent());
    assertThat(seen).doesNotHaveDuplicates();
    List<String> original = List.of("n", "e", "d", "c", "b", "a", "y", "x", "w");
    assertThat(seen.stream().filter(original::contains)).containsExactlyElementsOf(original);
    assertThat(seen).noneMatch(m -> m.startsWith("new"));
  }

  @Test
  void aMalformedPositionIsABadCursor() {
    for (String position : List.of("", "x", "12", ":a", "-1:a", "1234567890123456789:a")) {
      assertThatThrownBy(() -> SortedSetPages.newestFirst(redis, "z", Optional.of(position), 2))
          .isInstanceOf(BadCursor.class);
    }
  }

  @Test
  void suppressionsWrittenBeforeTheIndexAreListedToo() {
    RedisAudienceStore store =
        new RedisAudienceStore(redis, HeraldNode.objectMapper(), Clock.systemUTC());
    Json json = new Json(HeraldNode.objectMapper());
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    // As an older version wrote them: the hash alone.
    for (String key : List.of("e:c@x.example", "e:a@x.example", "p:+380671234567")) {
      redis.sync().hset(Keys.suppressed(ACCOUNT), key, json.write(new Suppression(key, "old", at)));
    }
    store.suppress(ACCOUNT, new Suppression("e:b@x.example", "new", at));
    List<String> keys = new ArrayList<>();
    Optional<String> after = Optional.empty();
    do {
      Page<Suppression> page = store.suppressions(ACCOUNT, after, 1);
      page.items().forEach(s -> keys.add(s.key()));
      after = page.next();
    } while (after.isPresent());
    assertThat(keys)
        .containsExactly("e:a@x.example", "e:b@x.example", "e:c@x.example", "p:+380671234567");
  }
}
