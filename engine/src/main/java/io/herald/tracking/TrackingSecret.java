package io.herald.tracking;

import io.herald.account.Secrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The key link tokens and return paths are signed with: {@code tracking.secret}, or one generated
 * on first start into {@code <data.dir>/tracking-secret} (mode 0600). It must outlive restarts —
 * links in messages already sent stay valid — and be the same on every node.
 */
public final class TrackingSecret {
  private static final int MIN_LENGTH = 32;

  private TrackingSecret() {}

  public static TokenSigner signer(
      Optional<String> configured, Path dataDir, RandomGenerator random) throws IOException {
    if (configured.isPresent()) {
      if (configured.get().length() < MIN_LENGTH) {
        throw new IllegalArgumentException(
            "tracking.secret must be at least " + MIN_LENGTH + " characters");
      }
      return new TokenSigner(configured.get().getBytes(StandardCharsets.UTF_8));
    }
    String secret =
        Secrets.readOrCreateFile(
            dataDir.resolve("tracking-secret"),
            () -> {
              byte[] key = new byte[32];
              random.nextBytes(key);
              return HexFormat.of().formatHex(key);
            });
    return new TokenSigner(secret.getBytes(StandardCharsets.UTF_8));
  }
}
