package io.herald.channel.viber;

import io.herald.account.AccountId;
import io.herald.campaign.CampaignId;
import io.herald.campaign.Phase;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which campaign recipient a Viber message is for, written into Herald's own message id ({@link
 * ViberSubmission#messageId()}: {@code c.<account>.<campaign>.<number>.<phase>}, 50 characters at
 * most), which the provider carries back in its reports. A report thus finds its recipient with
 * nothing stored at send time — even the report of a message whose node died before recording it.
 * Reports come only through verified callbacks or the provider's own API, so the id needs no
 * signature of its own.
 */
public record ViberRef(AccountId account, CampaignId campaign, long number, Phase phase) {
  private static final Pattern FORM =
      Pattern.compile("c\\.([0-9a-f]{16})\\.([0-9a-f]{16})\\.([1-9][0-9]{0,17})\\.([ACR])");

  public ViberRef {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(campaign, "campaign");
    Objects.requireNonNull(phase, "phase");
    if (number < 1) {
      throw new IllegalArgumentException("recipient numbers start at 1");
    }
  }

  public String messageId() {
    return "c."
        + account.value()
        + "."
        + campaign.value()
        + "."
        + number
        + "."
        + phase.name().charAt(0);
  }

  /** The reference a message id names; empty for anything Herald did not make. */
  public static Optional<ViberRef> parse(String messageId) {
    Matcher m = FORM.matcher(messageId == null ? "" : messageId);
    if (!m.matches()) {
      return Optional.empty();
    }
    Phase phase =
        switch (m.group(4)) {
          case "A" -> Phase.ALL;
          case "C" -> Phase.CANARY;
          default -> Phase.REST;
        };
    return Optional.of(
        new ViberRef(
            new AccountId(m.group(1)),
            new CampaignId(m.group(2)),
            Long.parseLong(m.group(3)),
            phase));
  }
}
