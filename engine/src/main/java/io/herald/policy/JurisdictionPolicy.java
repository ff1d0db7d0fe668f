package io.herald.policy;

import io.herald.importers.EmailAddress;
import io.herald.importers.ParsedContact;
import io.herald.importers.PhoneNumber;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operator's list of blocked jurisdictions (R14, {@code policy.blockedRegions}). A contact is
 * in one when its phone number belongs to the region — decided from the number itself, since +7 is
 * shared by Russia and Kazakhstan — or its email domain is under one of the region's country
 * domains, including internationalised ones ({@code .рф} is {@code xn--p1ai}).
 */
public final class JurisdictionPolicy {
  // Country domains that are not simply the lower-cased ISO code, or come in addition to it.
  private static final Map<String, List<String>> EXTRA_DOMAINS =
      Map.of(
          "RU", List.of("su", "xn--p1ai"),
          "BY", List.of("xn--90ais"),
          "UA", List.of("xn--j1amh"),
          "KZ", List.of("xn--80ao21a"),
          "GB", List.of("uk"));

  private final Set<String> regions;
  private final Map<String, String> domainToRegion;

  public JurisdictionPolicy(List<String> blockedRegions) {
    this.regions =
        blockedRegions.stream().map(r -> r.toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
    Map<String, String> domains = new HashMap<>();
    for (String region : regions) {
      domains.put(region.toLowerCase(Locale.ROOT), region);
      EXTRA_DOMAINS.getOrDefault(region, List.of()).forEach(tld -> domains.put(tld, region));
    }
    this.domainToRegion = Map.copyOf(domains);
  }

  /** Why this contact may not be imported or written to, or empty when it may. */
  public Optional<String> blockReason(ParsedContact contact) {
    Optional<String> byPhone =
        contact.phone().map(PhoneNumber::regionCode).filter(regions::contains);
    if (byPhone.isPresent()) {
      return Optional.of("blocked jurisdiction " + byPhone.get() + " (phone number region)");
    }
    return contact
        .email()
        .map(EmailAddress::domain)
        .flatMap(this::regionOfDomain)
        .map(region -> "blocked jurisdiction " + region + " (email country domain)");
  }

  private Optional<String> regionOfDomain(String domain) {
    String tld = domain.substring(domain.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    return Optional.ofNullable(domainToRegion.get(tld));
  }
}
