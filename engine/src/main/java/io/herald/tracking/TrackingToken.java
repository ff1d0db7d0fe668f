package io.herald.tracking;

import java.time.Instant;
import java.util.Objects;

/**
 * What a tracking link or pixel proves when it comes back: which account's campaign reached which
 * contact, and what the recipient did. It is a sealed type so the endpoints that answer them switch
 * over every kind exhaustively; {@link TokenSigner} turns one into a URL-safe sealed string, so a
 * recipient cannot forge an open, a click or somebody else's unsubscribe, and no one who sees the
 * URL can read whom it is about.
 */
public sealed interface TrackingToken {
  /** The tenant; 16 lowercase hex digits. */
  String accountId();

  /** The campaign inside the account; 16 lowercase hex digits. */
  String campaignId();

  /** The contact inside the account, e.g. {@code e:ann@example.com} or {@code p:+380671234567}. */
  String contactKey();

  /**
   * The recipient displayed the message (loaded the open pixel). {@code issuedAt} is when the
   * message was composed, to the second: an open seconds after sending is a machine's.
   */
  record Open(String accountId, String campaignId, String contactKey, Instant issuedAt)
      implements TrackingToken {
    public Open {
      Ids.check(accountId, campaignId, contactKey);
      issuedAt = Ids.issuedAt(issuedAt);
    }
  }

  /**
   * The recipient followed a link; {@code url} is where the link pointed in the template and {@code
   * issuedAt} when the message was composed, to the second.
   */
  record Click(String accountId, String campaignId, String contactKey, String url, Instant issuedAt)
      implements TrackingToken {
    public Click {
      Ids.check(accountId, campaignId, contactKey);
      Objects.requireNonNull(url, "url");
      issuedAt = Ids.issuedAt(issuedAt);
    }
  }

  /** The recipient asked to receive nothing more from this account (R3). */
  record Unsubscribe(String accountId, String campaignId, String contactKey)
      implements TrackingToken {
    public Unsubscribe {
      Ids.check(accountId, campaignId, contactKey);
    }
  }
}
