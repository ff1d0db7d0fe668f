package io.herald.channel.viber;

import java.util.Objects;

/**
 * Checks a campaign's image before the campaign is created: that its URL is https and leads (within
 * a few redirects, never to Herald's own network) to an image of a type Viber shows and within its
 * size ({@link ViberLimits#IMAGE_TYPES}, {@link ViberLimits#MAX_IMAGE_BYTES}). The provider fetches
 * the image itself when the message is sent, so this check is what spares a campaign that every
 * recipient would fail.
 */
@FunctionalInterface
public interface ViberImages {
  /** What {@code url} leads to; never throws for a bad URL or a failed fetch. */
  Verdict check(String url);

  /** An image Viber can show, or why not. */
  sealed interface Verdict {
    /** The image's media type and size in bytes. */
    record Fits(String contentType, long bytes) implements Verdict {
      public Fits {
        Objects.requireNonNull(contentType, "contentType");
      }
    }

    /** Why the image cannot go, in one line for the person who gave the URL. */
    record Refused(String reason) implements Verdict {
      public Refused {
        Objects.requireNonNull(reason, "reason");
      }
    }
  }
}
