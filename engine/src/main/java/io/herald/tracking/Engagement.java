package io.herald.tracking;

import io.herald.account.AccountId;
import io.herald.campaign.CampaignId;
import io.herald.tracking.EngagementClassifier.Verdict;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One thing a recipient (or a machine on their behalf) did with a message: opened it, clicked a
 * link, unsubscribed, or complained. Counted once per contact, campaign, kind and verdict in the
 * campaign's statistics (R11) as {@code <phase>.<counter>}: {@code opened}, {@code opened_machine},
 * {@code clicked}, {@code clicked_machine}, {@code unsubscribed}, {@code complained}.
 *
 * @param source where it came from: {@code pixel}, {@code link}, {@code one-click} (RFC 8058), or
 *     what a complaint's reporter says ({@code arf}, {@code form}…)
 */
public record Engagement(
    AccountId account,
    CampaignId campaign,
    String contactKey,
    Kind kind,
    Verdict verdict,
    String source,
    Instant at) {
  public Engagement {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(campaign, "campaign");
    Objects.requireNonNull(contactKey, "contactKey");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(at, "at");
    if (verdict instanceof Verdict.Machine && !kind.hasMachineCounter()) {
      throw new IllegalArgumentException(kind + " has no machine counter");
    }
  }

  /** What was done. Unsubscribes and complaints are a person's acts, always human. */
  public enum Kind {
    OPENED(true),
    CLICKED(true),
    UNSUBSCRIBED(false),
    COMPLAINED(false);

    private final boolean machineCounter;

    Kind(boolean machineCounter) {
      this.machineCounter = machineCounter;
    }

    /** The counter of a person's engagement of this kind, e.g. {@code opened}. */
    public String counter() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Whether machines' events of this kind are told apart ({@code opened_machine}). */
    public boolean hasMachineCounter() {
      return machineCounter;
    }
  }

  /** The counter this engagement counts in: {@code opened}, {@code clicked_machine}, … */
  public String counter() {
    return switch (verdict) {
      case Verdict.Human _ -> kind.counter();
      case Verdict.Machine _ -> kind.counter() + "_machine";
    };
  }
}
