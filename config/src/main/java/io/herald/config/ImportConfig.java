package io.herald.config;

import java.util.Objects;

/**
 * Defaults and safety limits for contact-file imports (TXT, CSV, XLS, XLSX). The limits exist
 * because an import is untrusted input: a file with one endless line, a billion rows, or a zip bomb
 * disguised as XLSX must be refused with a reason rather than exhaust the node's memory or disk.
 * The defaults fill in what a file does not say: the region for phone numbers without a country
 * code, the charset of a text file that is not UTF-8, and the consent statement shown in every
 * message's footer.
 *
 * @param defaultRegion ISO 3166-1 alpha-2 region for phone numbers written without a country code
 * @param fallbackCharset canonical Java charset name used when a text file is not valid UTF-8
 * @param maxFileBytes largest file accepted, in bytes
 * @param maxRows most data rows accepted in one file
 * @param maxCellChars longest cell accepted, in characters
 * @param maxLineChars longest line of a text or CSV file, in characters
 * @param maxExpansionRatio most an XLSX (zip) entry may expand relative to its compressed size
 * @param maxUncompressedBytes most bytes an XLSX may expand to in total
 * @param consentStatement why recipients get mail, used when an import gives no statement
 */
public record ImportConfig(
    String defaultRegion,
    String fallbackCharset,
    long maxFileBytes,
    long maxRows,
    int maxCellChars,
    int maxLineChars,
    int maxExpansionRatio,
    long maxUncompressedBytes,
    String consentStatement) {

  public ImportConfig {
    Objects.requireNonNull(defaultRegion, "defaultRegion");
    Objects.requireNonNull(fallbackCharset, "fallbackCharset");
    Objects.requireNonNull(consentStatement, "consentStatement");
  }
}
