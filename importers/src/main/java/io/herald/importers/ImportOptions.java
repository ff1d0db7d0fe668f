package io.herald.importers;

import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Objects;

/**
 * What the reader needs to know about the account that uploads a file: which country a phone
 * written without "+" belongs to, which legacy charset its spreadsheets are exported in, and the
 * server's limits. Kept as one value so a reader is configured once per import.
 *
 * @param defaultRegion ISO 3166 code used for phone numbers written without '+', e.g. "UA"; "ZZ"
 *     means "no default", so such numbers are rejected
 * @param fallbackCharset used for CSV/TXT that are neither UTF-8 nor UTF-16 (usually windows-1251,
 *     the common charset of Cyrillic lists exported from Excel)
 * @param limits the server's limits
 */
public record ImportOptions(String defaultRegion, Charset fallbackCharset, ImportLimits limits) {

  /** Validates and upper-cases the region, so "ua" from a form works. */
  public ImportOptions {
    Objects.requireNonNull(defaultRegion, "defaultRegion");
    Objects.requireNonNull(fallbackCharset, "fallbackCharset");
    Objects.requireNonNull(limits, "limits");
    defaultRegion = defaultRegion.trim().toUpperCase(Locale.ROOT);
    if (!defaultRegion.matches("[A-Z]{2}")) {
      throw new IllegalArgumentException("defaultRegion must be a two-letter ISO 3166 code");
    }
  }
}
