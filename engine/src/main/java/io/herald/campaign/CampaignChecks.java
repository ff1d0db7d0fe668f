package io.herald.campaign;

import io.herald.audience.ListNames;
import io.herald.importers.EmailAddress;
import io.herald.importers.InvalidAddressException;
import java.util.Map;
import java.util.Optional;

/**
 * Checks of a draft that need no store: a valid sender (R5), a subject, a body, sane sizes. Every
 * field has a maximum (docs/api.md lists them), so nothing a client sends can make a header line
 * longer than RFC 5322's 998 characters or a stored campaign unbounded.
 */
final class CampaignChecks {
  static final int MAX_BODY = 2 * 1024 * 1024;
  static final int MAX_SUBJECT = 998;
  // The display name of From: (as for transactional messages, message.Limits.MAX_NAME).
  static final int MAX_FROM_NAME = 256;
  static final int MAX_FILTERS = 20;
  static final int MAX_FILTER_KEY = 100;
  static final int MAX_FILTER_VALUE = 1000;
  // Ten parts of GSM-7 text; the composed text's parts are checked again when it is encoded.
  static final int MAX_SMS_TEXT = 1530;

  private CampaignChecks() {}

  static void check(Campaigns.Draft draft) throws CampaignRefused {
    require(draft.listName() != null && !draft.listName().isBlank(), "a list is required");
    Optional<String> badList = ListNames.problem(draft.listName());
    if (badList.isPresent()) {
      throw new CampaignRefused(badList.get(), false);
    }
    filter(draft.filter());
    switch (draft.channel()) {
      case EMAIL -> email(draft);
      case SMS -> sms(draft);
      case VIBER -> ViberChecks.check(draft);
    }
  }

  /**
   * An SMS campaign: a text (the message; its encoding and parts are checked when it is composed),
   * a sender ID, and none of an email's fields, so that a client never believes a subject was sent.
   */
  private static void sms(Campaigns.Draft draft) throws CampaignRefused {
    require(draft.text().filter(t -> !t.isBlank()).isPresent(), "an SMS campaign needs a text");
    require(
        draft.text().get().length() <= MAX_SMS_TEXT,
        "an SMS text is at most " + MAX_SMS_TEXT + " characters");
    require(
        draft.subject().isEmpty() && draft.html().isEmpty() && draft.replyTo().isEmpty(),
        "an SMS campaign has no subject, html or replyTo");
    require(draft.fromAddress() != null, "a sender ID (fromAddress) is required");
    Optional<String> badSender = SmsSenders.problem(draft.fromAddress().strip());
    if (badSender.isPresent()) {
      throw new CampaignRefused(badSender.get(), false);
    }
  }

  private static void email(Campaigns.Draft draft) throws CampaignRefused {
    require(draft.subject() != null && !draft.subject().isBlank(), "a subject is required");
    require(
        draft.subject().length() <= MAX_SUBJECT,
        "subject is longer than " + MAX_SUBJECT + " characters");
    require(draft.html() != null && !draft.html().isBlank(), "an HTML body is required");
    require(draft.html().length() <= MAX_BODY, "html is larger than 2 MiB");
    require(draft.text().map(String::length).orElse(0) <= MAX_BODY, "text is larger than 2 MiB");
    require(draft.fromName() != null, "a sender name is required");
    require(
        draft.fromName().length() <= MAX_FROM_NAME,
        "fromName is longer than " + MAX_FROM_NAME + " characters");
    require(
        draft.fromName().chars().noneMatch(Character::isISOControl)
            && draft.subject().chars().noneMatch(c -> c == '\r' || c == '\n'),
        "sender name and subject must be single lines");
    address(draft.fromAddress(), "from");
    if (draft.replyTo().isPresent()) {
      address(draft.replyTo().get(), "reply-to");
    }
  }

  private static void filter(Map<String, String> filter) throws CampaignRefused {
    require(filter.size() <= MAX_FILTERS, "filter has more than " + MAX_FILTERS + " conditions");
    for (Map.Entry<String, String> condition : filter.entrySet()) {
      require(
          condition.getKey().length() <= MAX_FILTER_KEY,
          "filter names are at most " + MAX_FILTER_KEY + " characters");
      require(
          condition.getValue() == null || condition.getValue().length() <= MAX_FILTER_VALUE,
          "filter values are at most " + MAX_FILTER_VALUE + " characters");
    }
  }

  private static void address(String value, String what) throws CampaignRefused {
    try {
      EmailAddress.parse(value == null ? "" : value);
    } catch (InvalidAddressException e) {
      throw new CampaignRefused("invalid " + what + " address: " + e.getMessage(), false);
    }
  }

  static void require(boolean condition, String message) throws CampaignRefused {
    if (!condition) {
      throw new CampaignRefused(message, false);
    }
  }
}
