package io.herald.content;

import io.herald.campaign.Campaign;
import io.herald.campaign.ViberSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the classifier reads of a campaign: its subject, its body (HTML or text; HTML is reduced to
 * text and its links' domains kept), extra link targets that are not in the body (a Viber button),
 * and its sender (display name and address). Every channel maps onto these five.
 */
public record ContentInput(
    String subject, String body, List<String> links, String fromName, String fromAddress) {
  public ContentInput {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(body, "body");
    links = List.copyOf(links);
    Objects.requireNonNull(fromName, "fromName");
    Objects.requireNonNull(fromAddress, "fromAddress");
  }

  /** A campaign of any channel: the HTML and the text part (or an SMS / Viber text) together. */
  public static ContentInput of(Campaign campaign) {
    StringBuilder body = new StringBuilder(campaign.html());
    campaign.text().ifPresent(text -> body.append('\n').append(text));
    List<String> links = new ArrayList<>();
    campaign
        .viber()
        .ifPresent(
            viber -> {
              viber.buttonCaption().ifPresent(caption -> body.append('\n').append(caption));
              viber.fallbackText().ifPresent(text -> body.append('\n').append(text));
              viber.buttonUrl().ifPresent(links::add);
            });
    String fallbackSender =
        campaign.viber().flatMap(ViberSpec::fallbackSender).map(s -> " " + s).orElse("");
    return new ContentInput(
        campaign.subject(),
        body.toString(),
        links,
        campaign.fromName() + fallbackSender,
        campaign.fromAddress());
  }
}
