package io.herald.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.account.AccountId;
import io.herald.plan.QuotaStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Message counts per quota period (R9) on a real Redis Cluster (one node: a script whose keys were
 * in different slots would be refused): a take fits whole or changes nothing, many takes at once
 * never go past the limit together, a give-back never makes a count negative.
 */
class RedisQuotaStoreTest {
  @RegisterExtension static LiveRedis live = LiveRedis.cluster();

  private static final AccountId ACCOUNT = new AccountId("00000000000000aa");
  private static final Instant KEEP = Instant.parse("2030-01-01T00:00:00Z");

  @Test
  void aTakeFitsWholeOrChangesNothing() {
    QuotaStore store = new RedisQuotaStore(live.redis());
    assertThat(store.take(ACCOUNT, "m:2026-12", 7, 10, KEEP))
        .isEqualTo(new QuotaStore.Take(true, 7));
    assertThat(store.take(ACCOUNT, "m:2026-12", 4, 10, KEEP))
        .isEqualTo(new QuotaStore.Take(false, 7));
    assertThat(store.take(ACCOUNT, "m:2026-12", 3, 10, KEEP))
        .isEqualTo(new QuotaStore.Take(true, 10));
    assertThat(store.used(ACCOUNT, "m:2027-01")).isZero(); // another period, its own count
    store.giveBack(ACCOUNT, "m:2026-12", 25);
    assertThat(store.used(ACCOUNT, "m:2026-12")).isZero();
  }

  @Test
  void manyTakesAtOnceNeverGoPastTheLimitTogether() throws Exception {
    QuotaStore store = new RedisQuotaStore(live.redis());
    int takers = 32;
    CyclicBarrier together = new CyclicBarrier(takers);
    List<Future<Boolean>> takes = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < takers; i++) {
        takes.add(
            pool.submit(
                (Callable<Boolean>)
                    () -> {
                      together.await();
                      return store.take(ACCOUNT, "p:1", 3, 50, KEEP).granted();
                    }));
      }
      long granted = 0;
      for (Future<Boolean> take : takes) {
        granted += take.get() ? 1 : 0;
      }
      assertThat(granted).isEqualTo(16); // 16 × 3 = 48; a 17th would make 51
    }
    assertThat(store.used(ACCOUNT, "p:1")).isEqualTo(48);
  }
}
