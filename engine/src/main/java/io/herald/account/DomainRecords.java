package io.herald.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The DNS records of a sending domain, and the same as text a person can follow in a DNS panel: the
 * verification TXT record, the DKIM key records, and advice for SPF and DMARC. Mail from Herald
 * carries Herald's own return path ({@code delivery.returnPathDomain}), so SPF is checked on that
 * domain, and the account's domain passes DMARC by its aligned DKIM signature.
 */
final class DomainRecords {
  /** The label under the domain that carries the verification record. */
  static final String VERIFY_LABEL = "_herald";

  /** The prefix of the verification record's value. */
  static final String VERIFY_PREFIX = "herald-verify=";

  private static final int TXT_STRING = 255;

  private final Optional<String> returnPathDomain;

  DomainRecords(Optional<String> returnPathDomain) {
    this.returnPathDomain = returnPathDomain;
  }

  static String verificationName(String domain) {
    return VERIFY_LABEL + "." + domain;
  }

  List<DnsRecord> of(SendingDomain domain) {
    List<DnsRecord> records = new ArrayList<>();
    records.add(
        new DnsRecord(
            "verification",
            "TXT",
            verificationName(domain.name()),
            VERIFY_PREFIX + domain.token(),
            true,
            "proves this account controls the domain; keep it published"));
    for (SendingDomain.DkimKey key : domain.keys()) {
      records.add(
          new DnsRecord(
              "dkim",
              "TXT",
              key.selector() + "._domainkey." + domain.name(),
              key.record(),
              true,
              "the public key receivers check Herald's "
                  + key.algorithm().tag()
                  + " signatures (d="
                  + domain.name()
                  + ") with"));
    }
    records.add(spf(domain.name()));
    records.add(
        new DnsRecord(
            "dmarc",
            "TXT",
            "_dmarc." + domain.name(),
            "v=DMARC1; p=none; adkim=r; aspf=r",
            false,
            "advice: start with p=none and move to quarantine or reject once reports show all of"
                + " your mail passes; keep an existing DMARC record"));
    return records;
  }

  private DnsRecord spf(String domain) {
    if (returnPathDomain.isPresent()) {
      return new DnsRecord(
          "spf",
          "TXT",
          domain,
          "v=spf1 include:" + returnPathDomain.get() + " ~all",
          false,
          "advice: bounces return to "
              + returnPathDomain.get()
              + ", so receivers check SPF there and your domain passes DMARC by its DKIM"
              + " signature; add include:"
              + returnPathDomain.get()
              + " to your one SPF record if you want it to name Herald too");
    }
    return new DnsRecord(
        "spf",
        "TXT",
        domain,
        "v=spf1 a mx ~all",
        false,
        "advice: this Herald returns bounces to your own domain, so your SPF record must list the"
            + " addresses Herald sends from (ask its operator); keep one SPF record");
  }

  /** The records as numbered blocks a person copies into a DNS panel, with what to do next. */
  String text(String status, SendingDomain domain) {
    StringBuilder out = new StringBuilder();
    out.append("Sending domain ").append(domain.name()).append(": ").append(status).append('\n');
    out.append("Publish these records at your DNS provider, then verify with:\n")
        .append("  herald domain verify ")
        .append(domain.name())
        .append("   (or POST /api/domains/")
        .append(domain.name())
        .append("/verify)\n");
    int n = 1;
    for (DnsRecord record : of(domain)) {
      out.append('\n')
          .append(n++)
          .append(". ")
          .append(record.purpose().toUpperCase(java.util.Locale.ROOT))
          .append(record.required() ? " (required)" : " (advice)")
          .append('\n');
      out.append("   Type:  ").append(record.type()).append('\n');
      out.append("   Name:  ").append(record.name()).append('\n');
      out.append("   Value: ").append(record.value()).append('\n');
      if (record.value().length() > TXT_STRING) {
        out.append("   (a panel that limits TXT strings to 255 characters takes it as: ")
            .append(quoted(record.value()))
            .append(")\n");
      }
      out.append("   ").append(record.note()).append('\n');
    }
    return out.toString();
  }

  /** A long TXT value as quoted strings of at most 255 characters (zone-file form). */
  private static String quoted(String value) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length(); i += TXT_STRING) {
      out.append(i == 0 ? "" : " ")
          .append('"')
          .append(value, i, Math.min(value.length(), i + TXT_STRING))
          .append('"');
    }
    return out.toString();
  }
}
