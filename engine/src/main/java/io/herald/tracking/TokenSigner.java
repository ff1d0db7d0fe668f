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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and verifies {@link TrackingToken}s, so the public tracking endpoints can trust what a URL
 * says without a database lookup, without anyone being able to forge an unsubscribe for another
 * contact, and without the URL showing whom it is about: link tokens end up in proxy logs and
 * browser history, so the contact's address and the link's target travel encrypted. Verification
 * never throws: anything malformed, altered, truncated or sealed with another key is simply {@link
 * Optional#empty()}. Instances are immutable and thread-safe.
 *
 * <p>Payload: version (1 byte), kind (1 byte: o, c, u), account id (8 bytes), campaign id (8
 * bytes), for opens and clicks the issue time (4 bytes, unsigned epoch seconds), contact key length
 * (2 bytes) and UTF-8 bytes, then for clicks the UTF-8 URL to the end.
 *
 * <p>Version 3 (what {@link #sign} makes) is deterministic authenticated encryption in the SIV
 * manner (RFC 5297's construction, with HMAC as its PRF): a 16-byte tag = the first 16 bytes of
 * HMAC-SHA256 over the whole payload, then the payload after its version byte encrypted with
 * AES-256-CTR under a key derived from the same secret, the tag being the counter's start. A token
 * is base64url (no padding) of version ‖ tag ‖ ciphertext: exactly as long as a version 2 token of
 * the same payload. To verify, decrypt, recompute the tag and compare in constant time; nothing of
 * the plaintext is looked at before. Equal payloads give equal tokens, as they always did; what
 * still shows is the length (about the contact key's plus the URL's).
 *
 * <p>Version 2 (payload in clear, followed by its 16-byte MAC) is what Herald signed before; those
 * tokens still verify, so the unsubscribe links and pixels of messages already sent keep working
 * (an unsubscribe link must work for as long as the message may be read). Version 1 tokens (no
 * issue time) were never answered by an endpoint.
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
  private static final int CIPHER_POOL = 64;
  private static final int MAC_BYTES = 16;

  /** Sealed: what {@link #sign} makes. */
  private static final byte VERSION = 3;

  /** Signed in clear: still verified, never made (messages sent before version 3 carry it). */
  private static final byte PLAIN_VERSION = 2;

  private static final int FIXED_BYTES = 1 + 1 + 8 + 8 + 2;
  private static final int ISSUED_AT_BYTES = 4;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final SecretKeySpec key;
  private final SecretKeySpec sealKey;
  // Cipher.getInstance costs ten times the encryption of a token, and a Cipher can neither be
  // shared between threads nor cloned like the MAC: idle ones wait here for the next token (at most
  // CIPHER_POOL; a busier moment makes more and drops them after). init with the same key again
  // keeps its key schedule.
  private final BlockingQueue<Cipher> ciphers = new ArrayBlockingQueue<>(CIPHER_POOL);
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
    this.sealKey = new SecretKeySpec(derivedKey("tracking-token-seal"), "AES");
  }

  /** The URL-safe sealed form of the token: authenticated, and its contents unreadable. */
  public String sign(TrackingToken token) {
    byte[] payload = payload(token);
    byte[] tag = mac(Purpose.TRACKING, payload, MAC_BYTES);
    byte[] sealed = new byte[1 + MAC_BYTES + payload.length - 1];
    sealed[0] = VERSION;
    System.arraycopy(tag, 0, sealed, 1, MAC_BYTES);
    byte[] body = ctr(tag, payload, 1);
    System.arraycopy(body, 0, sealed, 1 + MAC_BYTES, body.length);
    return ENCODER.encodeToString(sealed);
  }

  /** The token a sealed (or, from older mail, signed) string stands for, or empty. */
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
    byte[] payload;
    byte[] presented;
    if (bytes[0] == VERSION) {
      presented = Arrays.copyOfRange(bytes, 1, 1 + MAC_BYTES);
      byte[] body = ctr(presented, bytes, 1 + MAC_BYTES);
      payload = new byte[1 + body.length];
      payload[0] = VERSION;
      System.arraycopy(body, 0, payload, 1, body.length);
    } else {
      payload = Arrays.copyOf(bytes, bytes.length - MAC_BYTES);
      presented = Arrays.copyOfRange(bytes, payload.length, bytes.length);
    }
    if (!MessageDigest.isEqual(mac(Purpose.TRACKING, payload, MAC_BYTES), presented)) {
      return Optional.empty();
    }
    return parse(payload);
  }

  /**
   * AES-256-CTR of {@code data} from {@code offset} on, the counter starting at {@code tag}: the
   * same call encrypts and decrypts.
   */
  private byte[] ctr(byte[] tag, byte[] data, int offset) {
    Cipher cipher = ciphers.poll();
    try {
      if (cipher == null) {
        cipher = Cipher.getInstance("AES/CTR/NoPadding");
      }
      cipher.init(Cipher.ENCRYPT_MODE, sealKey, new IvParameterSpec(tag));
      byte[] out = cipher.doFinal(data, offset, data.length - offset);
      ciphers.offer(cipher); // dropped when the pool is full
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no AES/CTR", e);
    }
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
    byte version = in.get();
    if (version != VERSION && version != PLAIN_VERSION) {
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
