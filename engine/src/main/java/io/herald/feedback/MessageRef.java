package io.herald.feedback;

import io.herald.tracking.VerpToken;
import java.util.Objects;

/**
 * Which message of ours a report is about, as proved by our own signature: a signed VERP address
 * ({@code bounces+…@} or {@code unsub+…@}) names the campaign's recipient number, a signed tracking
 * token ({@code /u/…}, {@code /t/o/…}, {@code /t/c/…}) names the contact. Nothing unsigned ever
 * becomes a {@code MessageRef}, so no one can make Herald suppress an address by mailing a made-up
 * report.
 */
public sealed interface MessageRef {
  /** The tenant; 16 lowercase hex digits. */
  String accountId();

  /** The campaign inside the account; 16 lowercase hex digits. */
  String campaignId();

  /** From a signed VERP address: the recipient's number in the campaign's ledger. */
  record Recipient(VerpToken token) implements MessageRef {
    public Recipient {
      Objects.requireNonNull(token, "token");
    }

    @Override
    public String accountId() {
      return token.accountId();
    }

    @Override
    public String campaignId() {
      return token.campaignId();
    }
  }

  /** From a signed tracking token: the contact by its key (e.g. {@code e:ann@example.com}). */
  record Contact(String accountId, String campaignId, String contactKey) implements MessageRef {
    public Contact {
      Objects.requireNonNull(accountId, "accountId");
      Objects.requireNonNull(campaignId, "campaignId");
      Objects.requireNonNull(contactKey, "contactKey");
    }
  }
}
