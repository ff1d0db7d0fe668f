package io.herald.channel.viber;

import io.herald.channel.sms.ListTexts;
import io.herald.channel.sms.ShortLinkTarget;
import io.herald.channel.sms.ShortLinks;
import java.util.Map;
import java.util.Optional;

/**
 * Builds one recipient's Viber message from a {@link ViberTemplate}: the text personalised as an
 * SMS's is ({@link io.herald.channel.sms.SmsTemplate#personalise}: contact values cleaned of line
 * breaks and invisible characters, links made short tracked links when the campaign tracks clicks),
 * then — always — the unsubscribe line with the recipient's short unsubscribe link ({@code
 * https://<host>/s/<code>}) in the list's language on a line of its own (R3); the button's URL
 * becomes a short tracked link ({@code /l/<code>}), so that clicks on the button are counted, as
 * the canary needs. The texts come from the {@code io/herald/channel/viber/viber} resource bundles
 * (Viber is Unicode, so Ukrainian stays Cyrillic).
 *
 * <p>The line counts in the {@link ViberLimits#MAX_TEXT} characters (UTF-16 units, as the campaign
 * checks count them: an emoji counts two, erring on the side of the limit). A text that leaves no
 * room for it is refused, not cut. Thread-safe.
 */
public final class ViberComposer {
  private static final String BUNDLE = "io.herald.channel.viber.viber";

  private final ShortLinks links;
  private final ListTexts texts = new ListTexts(BUNDLE);

  /** {@code links} mints the unsubscribe and tracked links. */
  public ViberComposer(ShortLinks links) {
    this.links = links;
  }

  /**
   * The message for one recipient: {@code target} names them (and the list's language), {@code
   * name} and {@code fields} are the contact's values.
   *
   * @throws ViberContentRefused when the text is empty for this recipient, or too long once the
   *     unsubscribe line is added
   */
  public ViberContent compose(
      ViberTemplate template, ShortLinkTarget target, String name, Map<String, String> fields)
      throws ViberContentRefused {
    String body = template.text().personalise(links, target, name, fields);
    if (body.isEmpty()) {
      throw new ViberContentRefused("the Viber text is empty for this recipient");
    }
    String line = "\n" + texts.line(target.language(), "unsubscribe", links.unsubscribe(target));
    if (body.length() + line.length() > ViberLimits.MAX_TEXT) {
      throw new ViberContentRefused(
          ("the Viber text is too long: %d characters, and the unsubscribe line Herald adds takes"
                  + " %d more; at most %d in all, so shorten the text by %d")
              .formatted(
                  body.length(),
                  line.length(),
                  ViberLimits.MAX_TEXT,
                  body.length() + line.length() - ViberLimits.MAX_TEXT));
    }
    String text = body + line;
    Optional<ViberContent.Button> button =
        template
            .button()
            .map(b -> new ViberContent.Button(b.caption(), links.click(target, b.url())));
    if (button.isEmpty()) {
      return new ViberContent.Text(text);
    }
    return template.imageUrl().isPresent()
        ? new ViberContent.TextImageButton(text, template.imageUrl().get(), button.get())
        : new ViberContent.TextButton(text, button.get());
  }
}
