package io.herald.webhook;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.random.RandomGenerator;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps endpoint secrets unreadable in Redis: AES-256-GCM with a key derived from the node's
 * tracking secret ({@code tracking.secret}, the same on every node), so a Redis dump or replica
 * alone does not give away the keys receivers trust. Herald must be able to read them back to sign,
 * so they are encrypted, not hashed. Stored as {@code v1:<base64 of IV ‖ ciphertext ‖ tag>}. The
 * sending domains' DKIM private keys are sealed the same way, with a key of their own.
 */
public final class SecretBox implements io.herald.account.SendingDomains.Seal {
  private static final String PREFIX = "v1:";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final RandomGenerator random;

  public SecretBox(byte[] key, RandomGenerator random) {
    if (key.length != 32) {
      throw new IllegalArgumentException("a webhook secret key has 32 bytes");
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
    this.random = random;
  }

  @Override
  public String seal(String secret) {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      return PREFIX
          + Base64.getEncoder()
              .encodeToString(
                  ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("sealing a webhook secret failed", e);
    }
  }

  /** The secret; throws when it was sealed with another key or altered. */
  @Override
  public String open(String sealed) {
    if (!sealed.startsWith(PREFIX)) {
      throw new IllegalStateException("not a sealed webhook secret");
    }
    byte[] all = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
    if (all.length <= IV_BYTES) {
      throw new IllegalStateException("a sealed webhook secret is too short");
    }
    byte[] iv = java.util.Arrays.copyOf(all, IV_BYTES);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      return new String(
          cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "a webhook secret does not open with this node's key (was tracking.secret changed?)", e);
    }
  }
}
