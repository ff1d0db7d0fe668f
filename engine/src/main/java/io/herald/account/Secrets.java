package io.herald.account;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Makes and hashes bearer secrets (API keys, the admin token). They are 256 random bits, so a
 * single SHA-256 is the right hash: there is nothing to brute-force, and a slow password hash would
 * only slow every API call. Comparison is in constant time.
 */
public final class Secrets {
  private Secrets() {}

  /** A new secret with a readable prefix, e.g. {@code hk_…} for API keys. */
  public static String generate(String prefix, RandomGenerator random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static String hash(String secret) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /**
   * The secret kept in {@code file}, created with {@code generate} on first use. The file is
   * created with mode 0600, never world-readable even for an instant. Returned stripped.
   */
  public static String readOrCreateFile(Path file, Supplier<String> generate) throws IOException {
    if (!Files.exists(file)) {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(
          Files.createFile(
              file,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
          generate.get() + "\n",
          StandardOpenOption.WRITE);
    }
    return Files.readString(file).strip();
  }

  /** Constant-time comparison of a presented secret with a stored hash. */
  public static boolean matches(String presented, String storedHash) {
    return MessageDigest.isEqual(
        hash(presented).getBytes(StandardCharsets.US_ASCII),
        storedHash.getBytes(StandardCharsets.US_ASCII));
  }
}
