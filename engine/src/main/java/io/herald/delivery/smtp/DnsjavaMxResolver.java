package io.herald.delivery.smtp;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The production {@link MxResolver}: asks the system's DNS servers through dnsjava, with a bounded
 * timeout. A domain without MX records gets the implicit MX of RFC 5321 (the domain itself); a
 * single MX pointing at the root is a null MX. Caching is {@link MxCache}'s job, so dnsjava's own
 * cache is not used.
 */
public final class DnsjavaMxResolver implements MxResolver {
  /** How long "no such domain" is believed: DNS negative TTLs are usually minutes. */
  private static final Duration NEGATIVE_TTL = Duration.ofMinutes(5);

  private final Resolver resolver;

  public DnsjavaMxResolver(Duration timeout) {
    ExtendedResolver r = new ExtendedResolver();
    r.setTimeout(timeout);
    this.resolver = r;
  }

  @Override
  public MxAnswer lookup(String domain) {
    try {
      Lookup lookup = new Lookup(domain, Type.MX);
      lookup.setResolver(resolver);
      lookup.setCache(null);
      Record[] records = lookup.run();
      return switch (lookup.getResult()) {
        case Lookup.SUCCESSFUL -> fromRecords(domain, records);
        case Lookup.HOST_NOT_FOUND -> new MxAnswer.NoSuchDomain(NEGATIVE_TTL);
        case Lookup.TYPE_NOT_FOUND ->
            new MxAnswer.Hosts(List.of(new HostPort(domain, 25)), NEGATIVE_TTL);
        default -> new MxAnswer.TemporaryFailure("DNS: " + lookup.getErrorString());
      };
    } catch (TextParseException e) {
      return new MxAnswer.NoSuchDomain(NEGATIVE_TTL);
    } catch (RuntimeException e) {
      return new MxAnswer.TemporaryFailure("DNS: " + e);
    }
  }

  private static MxAnswer fromRecords(String domain, Record[] records) {
    List<MXRecord> mx =
        java.util.Arrays.stream(records)
            .filter(MXRecord.class::isInstance)
            .map(MXRecord.class::cast)
            .sorted(Comparator.comparingInt(MXRecord::getPriority))
            .toList();
    Duration ttl =
        Duration.ofSeconds(
            mx.stream().mapToLong(Record::getTTL).min().orElse(NEGATIVE_TTL.toSeconds()));
    if (mx.isEmpty()) {
      return new MxAnswer.Hosts(List.of(new HostPort(domain, 25)), ttl);
    }
    if (mx.size() == 1 && mx.getFirst().getTarget().equals(Name.root)) {
      return new MxAnswer.NullMx(ttl);
    }
    return new MxAnswer.Hosts(
        mx.stream().map(r -> new HostPort(r.getTarget().toString(true), 25)).toList(), ttl);
  }
}
