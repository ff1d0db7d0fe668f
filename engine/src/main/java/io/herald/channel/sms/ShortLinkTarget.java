package io.herald.channel.sms;

import io.herald.account.AccountId;
import java.util.Objects;

/**
 * Whom a short link belongs to: an account, the message's campaign id (for a transactional SMS its
 * message id) with {@code number} its recipient's number in the snapshot (0 for a transactional
 * SMS), the contact's key and the phone (E.164) it was sent to, and the list's language ({@code uk}
 * or {@code en}) that the unsubscribe page speaks.
 */
public record ShortLinkTarget(
    AccountId account,
    String campaign,
    long number,
    String contactKey,
    String phone,
    String language) {
  public ShortLinkTarget {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(campaign, "campaign");
    Objects.requireNonNull(contactKey, "contactKey");
    Objects.requireNonNull(phone, "phone");
    Objects.requireNonNull(language, "language");
  }
}
