package io.herald.account;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The production {@link DnsTxt}: dnsjava asking the configured server ({@code
 * delivery.verificationDnsServer}, {@code host:port}) or the system's resolvers, with a bounded
 * timeout and no cache, so a record published a moment ago is seen.
 */
public final class DnsjavaTxt implements DnsTxt {
  private final Resolver resolver;

  /**
   * @param server {@code host:port} of the DNS server to ask, or empty for the system's
   * @throws IllegalArgumentException when the server is not {@code host:port}
   */
  public DnsjavaTxt(Optional<String> server, Duration timeout) {
    Resolver r;
    if (server.isPresent()) {
      r = new SimpleResolver(address(server.get()));
    } else {
      r = new ExtendedResolver();
    }
    r.setTimeout(timeout);
    this.resolver = r;
  }

  private static InetSocketAddress address(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "delivery.verificationDnsServer is host:port, not " + hostPort);
    }
    try {
      int port = Integer.parseInt(hostPort.substring(colon + 1));
      String host = hostPort.substring(0, colon).replaceAll("^\\[|\\]$", "");
      return new InetSocketAddress(java.net.InetAddress.getByName(host), port);
    } catch (NumberFormatException | UnknownHostException e) {
      throw new IllegalArgumentException(
          "delivery.verificationDnsServer is host:port, not " + hostPort, e);
    }
  }

  @Override
  public List<String> lookup(String name) throws Unavailable {
    try {
      Lookup lookup = new Lookup(name, Type.TXT);
      lookup.setResolver(resolver);
      lookup.setCache(null);
      Record[] records = lookup.run();
      return switch (lookup.getResult()) {
        case Lookup.SUCCESSFUL -> joined(records);
        case Lookup.HOST_NOT_FOUND, Lookup.TYPE_NOT_FOUND -> List.of();
        default -> throw new Unavailable("DNS lookup of " + name + ": " + lookup.getErrorString());
      };
    } catch (TextParseException e) {
      return List.of();
    }
  }

  private static List<String> joined(Record[] records) {
    List<String> out = new ArrayList<>();
    for (Record record : records) {
      if (record instanceof TXTRecord txt) {
        out.add(String.join("", txt.getStrings()));
      }
    }
    return out;
  }
}
