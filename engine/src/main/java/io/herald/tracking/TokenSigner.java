package io.herald.tracking;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies {@link TrackingToken}s with HMAC-SHA256, so the public tracking endpoints can
 * trust what a URL says without a database lookup and without anyone being able to forge an
 * unsubscribe for another contact. A token is base64url (no padding) of a compact binary payload
 * followed by the first 16 bytes of its MAC; 128 bits are far beyond what an online forger can
 * guess. Verification never throws: anything malformed, altered, truncated or signed with another
 * key is simply {@link Optional#empty()}. Instances are immutable and thread-safe.
 *
 * <p>Payload (version 2): version (1 byte), kind (1 byte: o, c, u), account id (8 bytes), campaign
 * id (8 bytes), for opens and clicks the issue time (4 bytes, unsigned epoch seconds), contact key
 * length (2 bytes) and UTF-8 bytes, then for clicks the UTF-8 URL to the end. Only the current
 * version verifies: version 1 tokens (no issue time) were never answered by an endpoint.
 */
public final class TokenSigner {
  /** Separates the uses of one key, so a MAC made for one purpose is useless for another. */
  enum Purpose {
    TRACKING((byte) 't'),
    VERP((byte) 'v'),
    DERIVED_KEY((byte) 'k');

    final byte tag;

    Purpose(byte tag) {
      this.tag = tag;
    }
  }

  private static final int MIN_KEY_BYTES = 32;
  private static final int MAC_BYTES = 16;
  private static final byte VERSION = 2;
  private static final int FIXED_BYTES = 1 + 1 + 8 + 8 + 2;
  private static final int ISSUED_AT_BYTES = 4;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final SecretKeySpec key;
  // Initialised once; each use works on a clone, which skips the provider lookup and the key setup
  // (7 MACs a campaign message). Never used itself, so sharing it between threads is safe.
  private final Mac prototype;

  /** A signer with the given secret, which must hold at least 32 bytes (256 bits). */
  public TokenSigner(byte[] secret) {
    if (secret == null || secret.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException("a tracking key needs at least 32 bytes");
    }
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    this.prototype = newMac();
  }

  /** The URL-safe signed form of the token. */
  public String sign(TrackingToken token) {
    byte[] payload = payload(token);
    byte[] mac = mac(Purpose.TRACKING, payload, MAC_BYTES);
    byte[] signed = Arrays.copyOf(payload, payload.length + MAC_BYTES);
    System.arraycopy(mac, 0, signed, payload.length, MAC_BYTES);
    return ENCODER.encodeToString(signed);
  }

  /** The token a signed string stands for, or empty if it is not one this key signed. */
  public Optional<TrackingToken> verify(String signed) {
    if (signed == null || signed.isEmpty() || signed.length() > 8192) {
      return Optional.empty();
    }
    byte[] bytes;
    try {
      bytes = DECODER.decode(signed);
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    if (bytes.length < FIXED_BYTES + MAC_BYTES) {
      return Optional.empty();
    }
    byte[] payload = Arrays.copyOf(bytes, bytes.length - MAC_BYTES);
    byte[] presented = Arrays.copyOfRange(bytes, payload.length, bytes.length);
    if (!MessageDigest.isEqual(mac(Purpose.TRACKING, payload, MAC_BYTES), presented)) {
      return Optional.empty();
    }
    return parse(payload);
  }

  /**
   * A 256-bit key for another use of this node's secret ({@code label} names the use, e.g. sealing
   * webhook secrets), derived by HMAC so it tells nothing of the signing key and differs per label.
   */
  public byte[] derivedKey(String label) {
    return mac(Purpose.DERIVED_KEY, label.getBytes(StandardCharsets.UTF_8), 32);
  }

  /** The first {@code length} bytes of HMAC-SHA256(purpose tag ‖ data). */
  byte[] mac(Purpose purpose, byte[] data, int length) {
    Mac mac;
    try {
      mac = (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      mac = newMac(); // a provider whose MAC cannot be cloned: set up afresh
    }
    mac.update(purpose.tag);
    return Arrays.copyOf(mac.doFinal(data), length);
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no HmacSHA256", e);
    }
  }

  private static byte[] payload(TrackingToken token) {
    byte[] contact = token.contactKey().getBytes(StandardCharsets.UTF_8);
    if (contact.length > 0xFFFF) {
      throw new IllegalArgumentException("contact key too long for a token");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(FIXED_BYTES + contact.length + 64);
    out.write(VERSION);
    out.write(kind(token));
    out.writeBytes(HexFormat.of().parseHex(token.accountId()));
    out.writeBytes(HexFormat.of().parseHex(token.campaignId()));
    issuedAt(token).ifPresent(at -> writeInt(out, at.getEpochSecond()));
    out.write(contact.length >>> 8);
    out.write(contact.length & 0xFF);
    out.writeBytes(contact);
    if (token instanceof TrackingToken.Click click) {
      out.writeBytes(click.url().getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static Optional<Instant> issuedAt(TrackingToken token) {
    return switch (token) {
      case TrackingToken.Open open -> Optional.of(open.issuedAt());
      case TrackingToken.Click click -> Optional.of(click.issuedAt());
      case TrackingToken.Unsubscribe _ -> Optional.empty();
    };
  }

  private static void writeInt(ByteArrayOutputStream out, long unsigned) {
    out.write((int) (unsigned >>> 24) & 0xFF);
    out.write((int) (unsigned >>> 16) & 0xFF);
    out.write((int) (unsigned >>> 8) & 0xFF);
    out.write((int) unsigned & 0xFF);
  }

  private static byte kind(TrackingToken token) {
    return switch (token) {
      case TrackingToken.Open _ -> 'o';
      case TrackingToken.Click _ -> 'c';
      case TrackingToken.Unsubscribe _ -> 'u';
    };
  }

  private static Optional<TrackingToken> parse(byte[] payload) {
    ByteBuffer in = ByteBuffer.wrap(payload);
    if (in.get() != VERSION) {
      return Optional.empty();
    }
    byte kind = in.get();
    if (kind != 'o' && kind != 'c' && kind != 'u') {
      return Optional.empty();
    }
    String account = HexFormat.of().toHexDigits(in.getLong());
    String campaign = HexFormat.of().toHexDigits(in.getLong());
    Instant issuedAt = null;
    if (kind != 'u') {
      if (in.remaining() < ISSUED_AT_BYTES + 2) {
        return Optional.empty();
      }
      issuedAt = Instant.ofEpochSecond(Integer.toUnsignedLong(in.getInt()));
    }
    int contactLength = Short.toUnsignedInt(in.getShort());
    if (contactLength > in.remaining()) {
      return Optional.empty();
    }
    try {
      String contact = utf8(payload, in.position(), contactLength);
      int rest = in.position() + contactLength;
      if (kind == 'c') {
        String url = utf8(payload, rest, payload.length - rest);
        return Optional.of(new TrackingToken.Click(account, campaign, contact, url, issuedAt));
      }
      if (rest != payload.length) {
        return Optional.empty();
      }
      return Optional.of(
          kind == 'o'
              ? new TrackingToken.Open(account, campaign, contact, issuedAt)
              : new TrackingToken.Unsubscribe(account, campaign, contact));
    } catch (CharacterCodingException notUtf8) {
      return Optional.empty();
    }
  }

  private static String utf8(byte[] bytes, int offset, int length) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes, offset, length))
        .toString();
  }
}
