package io.herald.delivery.smtp;

/**
 * A server to connect to: a host name or address and a TCP port. {@link #parse} reads the {@code
 * host:port} form used by the MX override map ({@code [::1]:2525} for IPv6 literals).
 */
public record HostPort(String host, int port) {
  public HostPort {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is not in 1..65535");
    }
  }

  /** Parses {@code host:port}; a bare host means port 25. */
  public static HostPort parse(String text) {
    String t = text == null ? "" : text.strip();
    int colon = t.lastIndexOf(':');
    boolean bracketed = t.startsWith("[");
    if (colon < 0 || (bracketed && colon < t.indexOf(']'))) {
      return new HostPort(unbracket(t), 25);
    }
    try {
      return new HostPort(
          unbracket(t.substring(0, colon)), Integer.parseInt(t.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not host:port", e);
    }
  }

  private static String unbracket(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
