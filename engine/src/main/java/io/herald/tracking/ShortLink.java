package io.herald.tracking;

import io.herald.channel.sms.ShortLinkTarget;
import java.time.Instant;
import java.util.Objects;

/**
 * What a short link's code stands for (see {@code io.herald.channel.sms.ShortLinks}): the
 * recipient's unsubscribe page ({@code /s/<code>}) or a tracked link to {@code url} ({@code
 * /l/<code>}), for one recipient of one message, minted at {@code issuedAt} (to the second, for
 * telling a link scanner's click soon after sending from a person's).
 */
public sealed interface ShortLink {
  ShortLinkTarget target();

  Instant issuedAt();

  /** The unsubscribe page of {@code target}'s phone. */
  record Unsubscribe(ShortLinkTarget target, Instant issuedAt) implements ShortLink {
    public Unsubscribe {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(issuedAt, "issuedAt");
    }
  }

  /** A tracked link to {@code url}. */
  record Click(ShortLinkTarget target, String url, Instant issuedAt) implements ShortLink {
    public Click {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(issuedAt, "issuedAt");
    }
  }
}
