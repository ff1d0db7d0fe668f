package io.herald.content;

import io.herald.campaign.Campaign;
import java.util.Optional;

/**
 * The policy of R7 as a campaign's start asks it: whether the campaign's content is flagged by the
 * classifier, and if so the reason an administrator reads in the review queue (every category that
 * reached its threshold, with the phrases and domains that matched and how strongly). Off on a node
 * whose operator turned content review off ({@code policy.prohibitedContent: off}).
 */
public final class ContentReview {
  private final Optional<ContentClassifier> classifier;

  private ContentReview(Optional<ContentClassifier> classifier) {
    this.classifier = classifier;
  }

  /** Holds campaigns that {@code classifier} flags. */
  public static ContentReview holding(ContentClassifier classifier) {
    return new ContentReview(Optional.of(classifier));
  }

  /** Holds nothing. */
  public static ContentReview off() {
    return new ContentReview(Optional.empty());
  }

  /** Why {@code campaign} must be reviewed before it is sent, or empty. */
  public Optional<String> holdReason(Campaign campaign) {
    return classifier
        .map(c -> c.classify(ContentInput.of(campaign)))
        .filter(ContentVerdict::flagged)
        .map(verdict -> "prohibited content (R7) suspected:\n" + verdict.report());
  }
}
