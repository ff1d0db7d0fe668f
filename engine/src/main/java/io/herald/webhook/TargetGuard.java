package io.herald.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Decides where webhooks may be posted. A URL must be absolute {@code http} or {@code https}, at
 * most {@link #MAX_LENGTH} characters, with a host, without user info, fragment, spaces or control
 * characters. Unless private targets are allowed ({@code webhooks.allowPrivateTargets}), every
 * address the host resolves to must be public: not loopback, private (RFC 1918, fc00::/7),
 * link-local (cloud metadata lives at 169.254.169.254), carrier-grade NAT, multicast, unspecified
 * or reserved — otherwise an account could make Herald probe its own network (SSRF). The check runs
 * at registration and again before every POST, as DNS can change in between. (A name that resolves
 * differently between this check and the connection, within the DNS cache's lifetime, is not caught
 * here; the JDK caches successful lookups for 30 s by default.)
 */
public final class TargetGuard {
  public static final int MAX_LENGTH = 2048;

  private final boolean allowPrivate;
  private final Resolver resolver;

  /** Looks host names up (the JDK's resolver in production). */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  public TargetGuard(boolean allowPrivate) {
    this(allowPrivate, InetAddress::getAllByName);
  }

  public TargetGuard(boolean allowPrivate, Resolver resolver) {
    this.allowPrivate = allowPrivate;
    this.resolver = resolver;
  }

  /** The URL, checked for its form and its target; throws with the reason otherwise. */
  public URI check(String url) throws WebhookRefused {
    URI uri = form(url);
    target(uri);
    return uri;
  }

  /** Checks the form only: scheme, host, no user info (what is stored was checked before). */
  public static URI form(String url) throws WebhookRefused {
    if (url == null || url.isBlank()) {
      throw new WebhookRefused("\"url\" is required");
    }
    if (url.length() > MAX_LENGTH) {
      throw new WebhookRefused("the URL is longer than " + MAX_LENGTH + " characters");
    }
    if (url.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      throw new WebhookRefused("the URL may not contain spaces or control characters");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new WebhookRefused("not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new WebhookRefused("the URL must be http or https");
    }
    if (uri.getRawUserInfo() != null
        || uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
      throw new WebhookRefused("the URL may not contain a user name or password");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new WebhookRefused("the URL needs a host name");
    }
    if (uri.getRawFragment() != null) {
      throw new WebhookRefused("the URL may not have a fragment (#…)");
    }
    return uri;
  }

  /** Checks where the URL's host resolves to now; throws when it is not allowed. */
  public void target(URI uri) throws WebhookRefused {
    if (allowPrivate) {
      return;
    }
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      throw new WebhookRefused("the host " + uri.getHost() + " does not resolve");
    }
    for (InetAddress address : addresses) {
      if (!isPublic(address)) {
        throw new WebhookRefused(
            "the host "
                + uri.getHost()
                + " resolves to a non-public address ("
                + address.getHostAddress()
                + ")");
      }
    }
  }

  /** Whether an address is on the public internet. */
  static boolean isPublic(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isAnyLocalAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return false;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first != 0 // this network
          && !(first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
          && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
          && !(first == 198 && (second == 18 || second == 19)) // benchmarking
          && first < 240; // reserved and broadcast
    }
    if (address instanceof Inet6Address) {
      int first = b[0] & 0xff;
      if ((first & 0xfe) == 0xfc) { // unique local fc00::/7
        return false;
      }
      if (first == 0xfe && (b[1] & 0xc0) == 0xc0) { // deprecated site-local fec0::/10
        return false;
      }
      if (first == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
        return false; // NAT64 64:ff9b::/96 can reach IPv4 private space
      }
      if (isIpv4Compatible(b)) {
        return false;
      }
    }
    return true;
  }

  // ::a.b.c.d (deprecated IPv4-compatible form); ::ffff:a.b.c.d is already an Inet4Address.
  private static boolean isIpv4Compatible(byte[] b) {
    for (int i = 0; i < 12; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
