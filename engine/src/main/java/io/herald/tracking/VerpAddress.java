package io.herald.tracking;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Signed variable envelope return paths (VERP): addresses such as {@code
 * bounces+<token>@bounces.example.com} whose local part says which campaign and recipient a bounce,
 * an asynchronous DSN or a mailed unsubscribe request is about, so that no one can make Herald
 * suppress a contact by mailing a made-up address.
 *
 * <p>The token is lowercase base32 (no padding) of 34 bytes: account id (8), campaign id (8),
 * recipient number (8, big-endian) and the first 10 bytes of an HMAC-SHA256 over the prefix and
 * those 24 bytes. That is 55 characters, so {@code bounces+} and {@code unsub+} addresses have 63
 * and 61 octets in the local part, under the 64 of RFC 5321. The contact key itself does not fit
 * (it may be as long as an address), hence the recipient number. Mail systems may change the case
 * of a local part; parsing ignores case. An 80-bit MAC is plenty against online forgery.
 */
public final class VerpAddress {
  /** What an address is for; the prefix is inside the MAC, so one kind cannot pass for another. */
  public enum Kind {
    /** The envelope sender (Return-Path) that bounces come back to. */
    BOUNCE("bounces"),
    /** The mailto: target of {@code List-Unsubscribe}. */
    UNSUBSCRIBE("unsub");

    private final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }

    public String prefix() {
      return prefix;
    }
  }

  static final int MAX_LOCAL_PART = 64;
  private static final int DATA_BYTES = 24;
  private static final int MAC_BYTES = 10;

  private VerpAddress() {}

  /** The bounce address ({@code bounces+…@domain}) for one message. */
  public static String encode(TokenSigner signer, VerpToken token, String domain) {
    return encode(signer, Kind.BOUNCE, token, domain);
  }

  /** The address of the given kind for one message. */
  public static String encode(TokenSigner signer, Kind kind, VerpToken token, String domain) {
    byte[] data =
        ByteBuffer.allocate(DATA_BYTES)
            .put(HexFormat.of().parseHex(token.accountId()))
            .put(HexFormat.of().parseHex(token.campaignId()))
            .putLong(token.recipient())
            .array();
    byte[] signed = Arrays.copyOf(data, DATA_BYTES + MAC_BYTES);
    System.arraycopy(mac(signer, kind, data), 0, signed, DATA_BYTES, MAC_BYTES);
    String local = kind.prefix + "+" + Base32.encode(signed);
    if (local.length() > MAX_LOCAL_PART) {
      throw new IllegalStateException("VERP local part over 64 octets: " + local);
    }
    return local + "@" + Ids.requireDomain("domain", domain).toLowerCase(Locale.ROOT);
  }

  /** The token of a bounce address (any case, optionally in angle brackets), if it is genuine. */
  public static Optional<VerpToken> parse(String address, TokenSigner signer) {
    return parse(address, Kind.BOUNCE, signer);
  }

  /** The token of an address of the given kind, if it is genuine; never throws. */
  public static Optional<VerpToken> parse(String address, Kind kind, TokenSigner signer) {
    if (address == null) {
      return Optional.empty();
    }
    String trimmed = address.strip();
    if (trimmed.startsWith("<") && trimmed.endsWith(">")) {
      trimmed = trimmed.substring(1, trimmed.length() - 1);
    }
    int at = trimmed.lastIndexOf('@');
    String local = (at < 0 ? trimmed : trimmed.substring(0, at)).toLowerCase(Locale.ROOT);
    String expected = kind.prefix + "+";
    if (!local.startsWith(expected) || local.length() > MAX_LOCAL_PART) {
      return Optional.empty();
    }
    return Base32.decode(local.substring(expected.length()))
        .filter(bytes -> bytes.length == DATA_BYTES + MAC_BYTES)
        .filter(bytes -> genuine(signer, kind, bytes))
        .map(VerpAddress::token);
  }

  private static boolean genuine(TokenSigner signer, Kind kind, byte[] bytes) {
    byte[] data = Arrays.copyOf(bytes, DATA_BYTES);
    byte[] presented = Arrays.copyOfRange(bytes, DATA_BYTES, bytes.length);
    return MessageDigest.isEqual(mac(signer, kind, data), presented);
  }

  private static VerpToken token(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    String account = HexFormat.of().toHexDigits(in.getLong());
    String campaign = HexFormat.of().toHexDigits(in.getLong());
    return new VerpToken(account, campaign, in.getLong());
  }

  private static byte[] mac(TokenSigner signer, Kind kind, byte[] data) {
    byte[] prefix = kind.prefix.getBytes(StandardCharsets.US_ASCII);
    byte[] input = Arrays.copyOf(prefix, prefix.length + data.length);
    System.arraycopy(data, 0, input, prefix.length, data.length);
    return signer.mac(TokenSigner.Purpose.VERP, input, MAC_BYTES);
  }
}
