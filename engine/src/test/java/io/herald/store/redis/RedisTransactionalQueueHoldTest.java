package io.herald.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.account.AccountId;
import io.herald.app.HeraldNode;
import io.herald.message.MessageId;
import io.herald.message.TransactionalQueue.Claimed;
import io.herald.message.TransactionalQueue.Item;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A frozen account's transactional queue on a real Redis (R8): its stream is not read while the
 * claim skips it; a copy already claimed is held with its attempt and no state, is not claimed
 * again before it is due, and comes back at once when the account's held copies are released.
 */
class RedisTransactionalQueueHoldTest {
  static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  static final AccountId ACCOUNT = new AccountId("00000000000000f1");

  @RegisterExtension static final LiveRedis live = new LiveRedis();
  Redis redis;
  RedisTransactionalQueue queue;

  @BeforeEach
  void fresh() {
    redis = live.redis(); // emptied by the extension
    queue = new RedisTransactionalQueue(redis, HeraldNode.objectMapper());
    // What accepting a message leaves behind: the account's stream, its group, the ready sets.
    redis
        .sync()
        .xgroupCreate(
            io.lettuce.core.XReadArgs.StreamOffset.from(MessageKeys.queue(ACCOUNT), "0"),
            RedisMessageStore.GROUP,
            io.lettuce.core.XGroupCreateArgs.Builder.mkstream());
    redis.sync().sadd(MessageKeys.accounts(), ACCOUNT.value());
    redis.sync().sadd(MessageKeys.ready(), ACCOUNT.value());
    Item item = new Item(ACCOUNT, new MessageId("00000000000000e1"), 0, 2, T0);
    redis.sync().xadd(MessageKeys.queue(ACCOUNT), "i", RedisTransactionalQueue.encode(item));
  }

  @Test
  void aSkippedAccountsQueueIsNotReadAndAHeldCopyComesBackWhenReleased() {
    assertThat(queue.claim("n1", 10, T0, account -> true)).isEmpty();

    List<Claimed> claimed = queue.claim("n1", 10, T0, account -> false);
    assertThat(claimed).hasSize(1);
    queue.hold(claimed.getFirst(), T0.plus(Duration.ofSeconds(30)));

    assertThat(queue.held(ACCOUNT)).isEqualTo(1);
    assertThat(queue.backlog()).isEqualTo(1);
    assertThat(queue.claim("n1", 10, T0.plusSeconds(1), account -> false)).isEmpty();
    assertThat(queue.reclaim("n2", Duration.ZERO, 10)).isEmpty(); // acknowledged, not pending

    queue.releaseHeld(ACCOUNT);
    assertThat(queue.held(ACCOUNT)).isZero();
    List<Claimed> again = queue.claim("n1", 10, T0.plusSeconds(1), account -> false);
    assertThat(again).extracting(Claimed::item).containsExactly(claimed.getFirst().item());
  }

  @Test
  void aHeldCopyAlsoComesBackWhenDueOnceTheAccountIsClaimedAgain() {
    Claimed claimed = queue.claim("n1", 10, T0, account -> false).getFirst();
    queue.hold(claimed, T0.plusSeconds(30));
    assertThat(queue.claim("n1", 10, T0.plusSeconds(31), account -> false))
        .extracting(Claimed::item)
        .containsExactly(claimed.item());
  }
}
