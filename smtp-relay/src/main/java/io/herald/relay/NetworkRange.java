package io.herald.relay;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 10.0.0.0/8}, {@code ::1/128}) or a single
 * address ({@code 127.0.0.1}), parsed once from configuration.
 *
 * @param network the network's address bytes (4 or 16), host bits cleared
 * @param prefixLength the number of leading bits that must match
 */
public record NetworkRange(byte[] network, int prefixLength) {

  /** Validates the prefix length and clears host bits. */
  public NetworkRange {
    if (network.length != 4 && network.length != 16) {
      throw new IllegalArgumentException("an address has 4 or 16 bytes");
    }
    if (prefixLength < 0 || prefixLength > network.length * 8) {
      throw new IllegalArgumentException("prefix length out of range: " + prefixLength);
    }
    network = mask(network.clone(), prefixLength);
  }

  /**
   * Parses {@code address[/prefix]} where address is a numeric IPv4 or IPv6 address (never a host
   * name: configuration must not depend on DNS).
   *
   * @throws IllegalArgumentException naming the bad value
   */
  public static NetworkRange parse(String text) {
    String value = text.strip();
    int slash = value.indexOf('/');
    String host = slash < 0 ? value : value.substring(0, slash);
    if (host.isEmpty() || !host.matches("[0-9A-Fa-f:.]+")) {
      throw new IllegalArgumentException("not a numeric IP address or CIDR: " + text);
    }
    byte[] bytes;
    try {
      bytes = InetAddress.ofLiteral(host).getAddress();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a numeric IP address or CIDR: " + text, e);
    }
    int prefix = bytes.length * 8;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(value.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad prefix length in " + text, e);
      }
    }
    return new NetworkRange(bytes, prefix);
  }

  /** The network's address bytes (a copy). */
  @Override
  public byte[] network() {
    return network.clone();
  }

  /** True when the address lies in this network (IPv4 and IPv6 never match each other). */
  public boolean contains(InetAddress address) {
    byte[] candidate = address.getAddress();
    if (candidate.length != network.length) {
      return false;
    }
    return java.util.Arrays.equals(mask(candidate, prefixLength), network);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NetworkRange that
        && prefixLength == that.prefixLength
        && java.util.Arrays.equals(network, that.network);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(network) * 31 + prefixLength;
  }

  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] mask(byte[] bytes, int prefix) {
    for (int i = 0; i < bytes.length; i++) {
      int bitsHere = Math.clamp(prefix - i * 8L, 0, 8);
      bytes[i] &= (byte) (0xff << (8 - bitsHere));
    }
    return bytes;
  }
}
