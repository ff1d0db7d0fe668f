package io.herald.campaign;

import io.herald.account.AccountId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A campaign: on which {@link Channel}, to whom (a list, optionally filtered on contact
 * attributes), from whom (R5), and what (personalised with Mustache). An email campaign has a
 * subject, HTML and an optional text; an SMS campaign has only its {@code text} (the message), its
 * {@code fromAddress} is the sender ID (alphanumeric, at most 11 characters, or an E.164 number),
 * and {@code subject} and {@code html} are empty. {@code recipients} is the size of the audience
 * snapshot taken at start (0 before). {@code trackClicks}: an SMS campaign's links are replaced by
 * short tracked links (an email campaign's links are always tracked). A Viber campaign has its
 * {@code text} (or only an image), its sender name in {@code fromAddress}, and the rest in {@code
 * viber} (image, button, validity, SMS fallback); {@code viber} is empty for other channels.
 */
public record Campaign(
    AccountId account,
    CampaignId id,
    Channel channel,
    String listName,
    Map<String, String> filter,
    String fromName,
    String fromAddress,
    Optional<String> replyTo,
    String subject,
    String html,
    Optional<String> text,
    CampaignState state,
    long recipients,
    Instant createdAt,
    boolean trackClicks,
    Optional<ViberSpec> viber) {

  /** A campaign of a channel other than Viber. */
  public Campaign(
      AccountId account,
      CampaignId id,
      Channel channel,
      String listName,
      Map<String, String> filter,
      String fromName,
      String fromAddress,
      Optional<String> replyTo,
      String subject,
      String html,
      Optional<String> text,
      CampaignState state,
      long recipients,
      Instant createdAt,
      boolean trackClicks) {
    this(
        account,
        id,
        channel,
        listName,
        filter,
        fromName,
        fromAddress,
        replyTo,
        subject,
        html,
        text,
        state,
        recipients,
        createdAt,
        trackClicks,
        Optional.empty());
  }

  public Campaign withState(CampaignState next) {
    return new Campaign(
        account,
        id,
        channel,
        listName,
        filter,
        fromName,
        fromAddress,
        replyTo,
        subject,
        html,
        text,
        next,
        recipients,
        createdAt,
        trackClicks,
        viber);
  }

  public Campaign withRecipients(long count) {
    return new Campaign(
        account,
        id,
        channel,
        listName,
        filter,
        fromName,
        fromAddress,
        replyTo,
        subject,
        html,
        text,
        state,
        count,
        createdAt,
        trackClicks,
        viber);
  }
}
