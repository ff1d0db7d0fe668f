package io.herald.account;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The links Herald mails to set a password: a reset, or an invitation (also the first password of
 * an administrator or owner added with {@code herald user add}). A link carries its purpose, the
 * user and its expiry, signed with HMAC-SHA256 under a key derived from the tracking secret; the
 * signature also covers the user's password hash as it was when the link was made, so the link
 * stops working once it has set a password (single use without a list of used links) and any older
 * link dies with it. Nothing about a link is stored.
 */
public final class UserLinks {
  /** What a link is for; part of what is signed, so one cannot pass for the other. */
  public enum Purpose {
    RESET,
    INVITATION
  }

  /** The answer for a presented link. */
  public sealed interface Check {
    /** A link that may set {@code user}'s password now. */
    record Valid(User user) implements Check {}

    /** A genuine link whose time is over. */
    record Expired() implements Check {}

    /** Not one of ours, already used, or its user is gone. */
    record Invalid() implements Check {}
  }

  private static final int MAC_BYTES = 32;
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final SecretKeySpec key;
  private final Clock clock;

  public UserLinks(byte[] key, Clock clock) {
    this.key = new SecretKeySpec(key, "HmacSHA256");
    this.clock = clock;
  }

  /** The token for a link to set {@code user}'s password, valid for {@code validFor}. */
  public String issue(Purpose purpose, User user, Duration validFor) {
    byte[] payload = payload(purpose, user.id(), clock.instant().plus(validFor));
    return B64.encodeToString(payload) + "." + B64.encodeToString(mac(payload, user));
  }

  /** When a link issued now for {@code validFor} ends. */
  public Instant expiry(Duration validFor) {
    return clock.instant().plus(validFor);
  }

  /** Checks a presented token; {@code users} finds the user as it is now. */
  public Check check(Purpose purpose, String token, Function<UserId, Optional<User>> users) {
    int dot = token == null ? -1 : token.indexOf('.');
    if (dot < 0 || token.length() > 200) {
      return new Check.Invalid();
    }
    byte[] payload;
    byte[] tag;
    try {
      payload = B64D.decode(token.substring(0, dot));
      tag = B64D.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException notBase64) {
      return new Check.Invalid();
    }
    if (payload.length != 1 + 17 + Long.BYTES || payload[0] != (byte) purpose.ordinal()) {
      return new Check.Invalid();
    }
    UserId id;
    try {
      id = new UserId(new String(payload, 1, 17, StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException notAnId) {
      return new Check.Invalid();
    }
    Optional<User> user = users.apply(id);
    if (user.isEmpty() || !MessageDigest.isEqual(tag, mac(payload, user.get()))) {
      return new Check.Invalid();
    }
    long expires = ByteBuffer.wrap(payload, 18, Long.BYTES).getLong();
    if (!clock.instant().isBefore(Instant.ofEpochSecond(expires))) {
      return new Check.Expired();
    }
    return new Check.Valid(user.get());
  }

  private static byte[] payload(Purpose purpose, UserId id, Instant expires) {
    return ByteBuffer.allocate(1 + 17 + Long.BYTES)
        .put((byte) purpose.ordinal())
        .put(id.value().getBytes(StandardCharsets.US_ASCII))
        .putLong(expires.getEpochSecond())
        .array();
  }

  private byte[] mac(byte[] payload, User user) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(payload);
      // Bound to the password as it is: setting one retires the link.
      mac.update(user.passwordHash().orElse("-").getBytes(StandardCharsets.US_ASCII));
      return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
