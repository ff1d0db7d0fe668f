package io.herald.account;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The administrator's bearer token. Given by {@code HERALD_ADMIN_TOKEN}, or generated on first
 * start into {@code <data.dir>/admin-token} with mode 0600 (created with that mode, never
 * world-readable even for an instant). Only its hash is held in memory.
 */
public final class AdminToken {
  private final String hash;
  private final Optional<Path> file;

  private AdminToken(String hash, Optional<Path> file) {
    this.hash = hash;
    this.file = file;
  }

  public static AdminToken load(
      Optional<String> fromEnvironment, Path dataDir, RandomGenerator random) throws IOException {
    if (fromEnvironment.isPresent() && !fromEnvironment.get().isBlank()) {
      return new AdminToken(Secrets.hash(fromEnvironment.get().strip()), Optional.empty());
    }
    Path path = dataDir.resolve("admin-token");
    String token = Secrets.readOrCreateFile(path, () -> Secrets.generate("ha_", random));
    return new AdminToken(Secrets.hash(token), Optional.of(path));
  }

  public boolean matches(String presented) {
    return presented != null && Secrets.matches(presented, hash);
  }

  /**
   * A fingerprint of the token under {@code key} (HMAC-SHA256 of its hash): equal for equal tokens,
   * telling nothing of the token to whoever lacks the key.
   */
  public String fingerprint(byte[] key) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
      byte[] tag = mac.doFinal(hash.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(tag, 0, 16);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no HmacSHA256", e);
    }
  }

  /** The file the token was written to, when it was not given by the environment. */
  public Optional<Path> file() {
    return file;
  }
}
