package io.herald.channel.viber;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the provider answered to one {@link ViberSubmission}: accepted (its reports decide later);
 * the number is not a Viber user (known at once: the SMS fallback may go); deferred (429, 5xx, a
 * network failure — try again later, no sooner than {@code retryAfter} when the provider said);
 * refused for good (a 4xx about this message).
 */
public sealed interface ViberSendOutcome {
  record Accepted(String providerMessageId) implements ViberSendOutcome {
    public Accepted {
      Objects.requireNonNull(providerMessageId, "providerMessageId");
    }
  }

  record NotViberUser(String reason) implements ViberSendOutcome {
    public NotViberUser {
      Objects.requireNonNull(reason, "reason");
    }
  }

  record Deferred(String reason, boolean throttled, Optional<Duration> retryAfter)
      implements ViberSendOutcome {
    public Deferred {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(retryAfter, "retryAfter");
    }
  }

  record Refused(String reason) implements ViberSendOutcome {
    public Refused {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
