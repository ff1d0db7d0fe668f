package io.herald.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code herald campaign status} of a Viber campaign: its counters summed over the phases, in three
 * labelled lines — what Viber did, what the SMS fallback did, and what recipients did — since the
 * fallback SMS's counters carry the SMS names ({@code delivered}, {@code submitted}, …) and would
 * read as the whole campaign's without their label.
 */
final class ViberStatus {
  private ViberStatus() {}

  /** The lines to print for {@code campaign}, the API's JSON of a Viber campaign. */
  static String of(JsonNode campaign) {
    return String.format(
        "Viber campaign %s: %s, %d recipients; %d sent%n"
            + "  Viber: %d delivered (%d seen), %d awaiting a report, %d undelivered, %d expired,"
            + " %d not Viber users%n"
            + "  SMS fallback: %d fell back (%d waiting to go out), %d awaiting a receipt,"
            + " %d delivered, %d undeliverable, %d rejected, %d expired, %d unknown (%d parts)%n"
            + "  %d deferred, %d suppressed, %d failed; %d clicked, %d unsubscribed, %d blocked",
        campaign.path("id").asText(),
        campaign.path("state").asText(),
        campaign.path("recipients").asLong(),
        total(campaign, "sent"),
        total(campaign, "viber_delivered"),
        total(campaign, "seen"),
        total(campaign, "viber_submitted"),
        total(campaign, "viber_undelivered"),
        total(campaign, "viber_expired"),
        total(campaign, "not_viber_user"),
        total(campaign, "fallen_back"),
        total(campaign, "fallback_pending"),
        total(campaign, "submitted"),
        total(campaign, "delivered"),
        total(campaign, "undeliverable"),
        total(campaign, "rejected"),
        total(campaign, "expired"),
        total(campaign, "unknown"),
        total(campaign, "parts"),
        total(campaign, "deferred"),
        total(campaign, "suppressed"),
        total(campaign, "failed"),
        total(campaign, "clicked"),
        total(campaign, "unsubscribed"),
        total(campaign, "blocked"));
  }

  private static long total(JsonNode campaign, String counter) {
    return CampaignCommand.OnCampaign.total(campaign, counter);
  }
}
