package io.herald.tracking;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.regex.Pattern;

/** The checks every token shares; account and campaign ids have a fixed 8-byte binary form. */
final class Ids {
  private static final Pattern HEX16 = Pattern.compile("[0-9a-f]{16}");

  private static final Pattern DOMAIN =
      Pattern.compile(
          "(?i)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");

  private Ids() {}

  static String requireDomain(String what, String value) {
    if (value == null || !DOMAIN.matcher(value).matches()) {
      throw new IllegalArgumentException(what + " is not a domain name: " + value);
    }
    return value;
  }

  static void check(String accountId, String campaignId, String contactKey) {
    requireHex16("accountId", accountId);
    requireHex16("campaignId", campaignId);
    Objects.requireNonNull(contactKey, "contactKey");
  }

  /** Issue times travel as unsigned 32-bit epoch seconds (1970 to 2106), so whole seconds. */
  static Instant issuedAt(Instant issuedAt) {
    Objects.requireNonNull(issuedAt, "issuedAt");
    long seconds = issuedAt.getEpochSecond();
    if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("issuedAt out of range: " + issuedAt);
    }
    return issuedAt.truncatedTo(ChronoUnit.SECONDS);
  }

  static void requireHex16(String what, String value) {
    if (value == null || !HEX16.matcher(value).matches()) {
      throw new IllegalArgumentException(what + " is not 16 lowercase hex digits: " + value);
    }
  }
}
