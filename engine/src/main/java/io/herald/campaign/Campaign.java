package io.herald.campaign;

import io.herald.account.AccountId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * An email campaign: to whom (a list, optionally filtered on contact attributes), from whom (R5),
 * and what (subject, HTML, optional text; personalised with Mustache). {@code recipients} is the
 * size of the audience snapshot taken at start (0 before).
 */
public record Campaign(
    AccountId account,
    CampaignId id,
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
    Instant createdAt) {

  public Campaign withState(CampaignState next) {
    return new Campaign(
        account,
        id,
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
        createdAt);
  }

  public Campaign withRecipients(long count) {
    return new Campaign(
        account,
        id,
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
        createdAt);
  }
}
