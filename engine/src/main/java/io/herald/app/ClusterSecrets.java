package io.herald.app;

import io.herald.account.AdminToken;
import io.herald.store.redis.RedisClusterSecrets;
import io.herald.tracking.TokenSigner;
import java.util.HexFormat;

/**
 * A node checks at start that it has the same secrets as the other nodes on its Redis: the tracking
 * secret (links and return paths sealed by one node are opened by another) and the admin token. A
 * node that would differ — a secret left out, so generated into its own data directory, or mistyped
 * — refuses to start with the reason, instead of serving half the cluster's links as forged. The
 * fingerprints are keyed by the tracking secret, so Redis learns nothing of either.
 */
final class ClusterSecrets {
  private ClusterSecrets() {}

  static void check(RedisClusterSecrets agreed, TokenSigner signer, AdminToken adminToken) {
    byte[] key = signer.derivedKey("cluster-secret-fingerprints");
    String tracking = HexFormat.of().formatHex(key, 0, 16);
    if (!agreed.agreed("tracking", tracking).equals(tracking)) {
      throw new IllegalStateException(
          "this node's tracking.secret differs from the one the other nodes on this Redis use:"
              + " give every node the same tracking.secret (HERALD_TRACKING_SECRET or herald.yml;"
              + " without one, each node generates its own into data.dir/tracking-secret). To"
              + " change it on purpose, stop every node and delete the Redis key "
              + "herald:cluster:secrets");
    }
    String admin = adminToken.fingerprint(key);
    if (!agreed.agreed("admin", admin).equals(admin)) {
      throw new IllegalStateException(
          "this node's admin token differs from the one the other nodes on this Redis use: give"
              + " every node the same HERALD_ADMIN_TOKEN (without one, each node generates its own"
              + " into data.dir/admin-token). To change it on purpose, stop every node and delete"
              + " the Redis key herald:cluster:secrets");
    }
  }
}
