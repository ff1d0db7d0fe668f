package io.herald.store.redis;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The receipt store's tests on a Redis Cluster, which refuses a script whose keys span slots: a
 * message's parts, its deadline index, the last-message record and the undeliverable counts are in
 * different slots, and every batch must be split by slot to run at all.
 */
class RedisSmsReceiptStoreClusterTest extends RedisSmsReceiptStoreTest {
  @RegisterExtension static final LiveRedis cluster = LiveRedis.cluster();

  @Override
  LiveRedis live() {
    return cluster;
  }
}
