package io.herald.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password hashing with Argon2id (Bouncy Castle's {@link Argon2BytesGenerator}), stored in the PHC
 * string form {@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}. The parameters are OWASP's
 * recommended minimum for Argon2id (19 MiB of memory, 2 passes, 1 lane; a 16-byte random salt, a
 * 32-byte hash): about 0.1 s per hash on the CI machine (docs/pages.md), slow for an attacker with
 * a stolen table, fast enough for a sign-in. They are written into every hash, so raising them
 * later still verifies the old hashes. Unlike API keys (256 random bits, {@link Secrets}),
 * passwords are chosen by people and must be hashed slowly.
 */
public final class Passwords {
  /** Argon2id parameters: memory in KiB, passes, lanes. */
  public record Parameters(int memoryKiB, int iterations, int parallelism) {
    /** OWASP's recommended minimum for Argon2id. */
    public static final Parameters OWASP = new Parameters(19_456, 2, 1);
  }

  public static final int MIN_LENGTH = 10;
  public static final int MAX_LENGTH = 256;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  // Stored hashes are ours, but a corrupt one must not make a sign-in allocate gigabytes.
  private static final int MAX_MEMORY_KIB = 1 << 20;
  private static final Pattern PHC =
      Pattern.compile(
          "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final Parameters parameters;
  private final RandomGenerator random;
  // Checked against when the email is unknown, so that a sign-in takes as long either way.
  private final String decoy;

  public Passwords(Parameters parameters, RandomGenerator random) {
    this.parameters = parameters;
    this.random = random;
    this.decoy = hash("not anyone's password");
  }

  /**
   * Why {@code password} cannot be a password, in words for the user, or empty when it can: 10 to
   * 256 characters (NIST SP 800-63B: length, not composition rules).
   */
  public static Optional<String> weakness(String password) {
    int length = password == null ? 0 : password.codePointCount(0, password.length());
    if (length < MIN_LENGTH) {
      return Optional.of("too_short");
    }
    if (length > MAX_LENGTH) {
      return Optional.of("too_long");
    }
    return Optional.empty();
  }

  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = derive(password, salt, parameters);
    return "$argon2id$v=19$m="
        + parameters.memoryKiB()
        + ",t="
        + parameters.iterations()
        + ",p="
        + parameters.parallelism()
        + "$"
        + B64.encodeToString(salt)
        + "$"
        + B64.encodeToString(hash);
  }

  /** Whether {@code password} matches {@code stored}; a constant-time comparison. */
  public boolean matches(String password, String stored) {
    Matcher m = PHC.matcher(stored);
    if (password == null || !m.matches()) {
      return false;
    }
    Parameters p =
        new Parameters(
            Integer.parseInt(m.group(1)),
            Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)));
    if (p.memoryKiB() > MAX_MEMORY_KIB || p.iterations() < 1 || p.parallelism() < 1) {
      return false;
    }
    byte[] expected = B64D.decode(m.group(5));
    return MessageDigest.isEqual(
        derive(password, B64D.decode(m.group(4)), p, expected.length), expected);
  }

  /** Spends a hash's time and fails: for an unknown email, so timing does not tell it apart. */
  public boolean decoy(String password) {
    matches(password == null ? "" : password, decoy);
    return false;
  }

  private static byte[] derive(String password, byte[] salt, Parameters p) {
    return derive(password, salt, p, HASH_BYTES);
  }

  private static byte[] derive(String password, byte[] salt, Parameters p, int length) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(p.memoryKiB())
            .withIterations(p.iterations())
            .withParallelism(p.parallelism())
            .withSalt(salt)
            .build());
    byte[] out = new byte[length];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
