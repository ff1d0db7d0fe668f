package io.herald.content;

import java.util.List;

/**
 * How one category of R7 scored on a campaign: the sum of its matches' weights against the
 * threshold that flags it, with every match that contributed.
 */
public record CategoryVerdict(
    ContentCategory category, double score, double threshold, List<ContentMatch> matches) {
  public CategoryVerdict {
    matches = List.copyOf(matches);
  }

  public boolean flagged() {
    return score >= threshold;
  }
}
