package io.herald.channel.sms;

import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Builds one recipient's SMS from a compiled {@link SmsTemplate}: the text personalised with the
 * contact's values (cleaned of control characters, {@link ContactValues}), then, when the template
 * tracks clicks, every http(s) link replaced by a short tracked link, then — for marketing, always
 * — the opt-out line with the recipient's short unsubscribe link in the list's language (R3). The
 * opt-out line counts in the length, and so in the parts. A Ukrainian list gets "Відписатися: …";
 * when the rest of the text is GSM-7, its transliteration "Vidpysatysia: …" instead, so that the
 * line alone does not make the whole message UCS-2 and more than double its parts. The texts come
 * from the {@code io/herald/channel/sms/sms} resource bundles.
 *
 * <p>Template variables: every contact field by its name, then {@code name} and {@code phone},
 * which a field can never override. Thread-safe when {@code random} is ({@code
 * ThreadLocalRandom.current()}, a {@code SecureRandom}).
 */
public final class SmsComposer {
  private static final String BUNDLE = "io.herald.channel.sms.sms";

  private final ShortLinks links;
  private final RandomGenerator random;
  private final ListTexts texts = new ListTexts(BUNDLE);

  /**
   * @param links mints the unsubscribe and tracked links
   * @param random draws each message's concatenation reference
   */
  public SmsComposer(ShortLinks links, RandomGenerator random) {
    this.links = links;
    this.random = random;
  }

  /**
   * The SMS for one recipient: {@code target} names them (and the list's language), {@code name}
   * and {@code fields} are the contact's values.
   *
   * @throws SmsTextRefused when this recipient's text is empty or too long once personalised
   */
  public ComposedSms compose(
      SmsTemplate template, ShortLinkTarget target, String name, Map<String, String> fields)
      throws SmsTextRefused {
    String body = template.personalise(links, target, name, fields);
    String text =
        switch (template.purpose()) {
          case TRANSACTIONAL -> body;
          case MARKETING -> withOptOut(body, target);
        };
    SmsLayout layout = SmsLayout.of(text);
    return new ComposedSms(
        text, SmsEncoding.encode(layout, text, random.nextInt(256)), SmsPreview.of(layout));
  }

  private String withOptOut(String body, ShortLinkTarget target) throws SmsTextRefused {
    if (body.isEmpty()) {
      throw new SmsTextRefused("the SMS text is empty for this recipient");
    }
    String link = links.unsubscribe(target);
    String gsm7 = texts.line(target.language(), "optout.gsm7", link);
    String line =
        GsmAlphabet.containsAll(body) && GsmAlphabet.containsAll(gsm7)
            ? gsm7
            : texts.line(target.language(), "optout", link);
    return body + "\n" + line;
  }
}
