package io.herald.content;

import java.util.Locale;

/**
 * One piece of evidence: a lexicon rule ({@code rule}, as written in the lexicon) that matched
 * {@code found} (the words or domain as they appear) in one {@code place} of the campaign, adding
 * {@code weight} to its category's score.
 */
public record ContentMatch(String rule, String found, Place place, double weight) {
  /** Where in a campaign a match was found. */
  public enum Place {
    SUBJECT,
    SENDER,
    BODY,
    LINK;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
