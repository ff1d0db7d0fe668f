package io.herald.campaign;

import io.herald.importers.EmailAddress;
import io.herald.importers.InvalidAddressException;

/** Checks of a draft that need no store: a valid sender (R5), a subject, a body, sane sizes. */
final class CampaignChecks {
  private static final int MAX_BODY = 2 * 1024 * 1024;
  private static final int MAX_SUBJECT = 998;

  private CampaignChecks() {}

  static void check(Campaigns.Draft draft) throws CampaignRefused {
    require(draft.listName() != null && !draft.listName().isBlank(), "a list is required");
    require(draft.subject() != null && !draft.subject().isBlank(), "a subject is required");
    require(draft.subject().length() <= MAX_SUBJECT, "the subject is too long");
    require(draft.html() != null && !draft.html().isBlank(), "an HTML body is required");
    require(draft.html().length() <= MAX_BODY, "the HTML body is larger than 2 MiB");
    require(draft.fromName() != null, "a sender name is required");
    require(
        draft.fromName().chars().noneMatch(Character::isISOControl)
            && draft.subject().chars().noneMatch(c -> c == '\r' || c == '\n'),
        "sender name and subject must be single lines");
    address(draft.fromAddress(), "from");
    if (draft.replyTo().isPresent()) {
      address(draft.replyTo().get(), "reply-to");
    }
  }

  private static void address(String value, String what) throws CampaignRefused {
    try {
      EmailAddress.parse(value == null ? "" : value);
    } catch (InvalidAddressException e) {
      throw new CampaignRefused("invalid " + what + " address: " + e.getMessage(), false);
    }
  }

  private static void require(boolean condition, String message) throws CampaignRefused {
    if (!condition) {
      throw new CampaignRefused(message, false);
    }
  }
}
