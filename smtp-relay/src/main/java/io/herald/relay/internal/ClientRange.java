package io.herald.relay.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HexFormat;

/**
 * The leading part of a client address that limits count by: a whole IPv4 address or one of its
 * networks, and for IPv6 at most the /64 (one subscriber or one machine holds a whole /64, so
 * counting single IPv6 addresses would count nothing).
 *
 * @param prefix the leading bytes in hex, with the address family's length
 */
record ClientRange(String prefix) {

  /** The first {@code ipv4Bytes} bytes of an IPv4 address, or the first 8 of an IPv6 address. */
  static ClientRange of(InetAddress address, int ipv4Bytes) {
    byte[] bytes = address.getAddress();
    int length = address instanceof Inet4Address ? ipv4Bytes : 8;
    return new ClientRange(bytes.length + ":" + HexFormat.of().formatHex(bytes, 0, length));
  }
}
