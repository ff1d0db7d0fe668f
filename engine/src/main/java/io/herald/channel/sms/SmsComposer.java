package io.herald.channel.sms;

import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
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
 * which a field can never override. Thread-safe when {@code random} is (a {@code SecureRandom}).
 */
public final class SmsComposer {
  private static final String BUNDLE = "io.herald.channel.sms.sms";

  private final ShortLinks links;
  private final RandomGenerator random;
  private final ResourceBundle english;
  private final ResourceBundle ukrainian;

  /**
   * @param links mints the unsubscribe and tracked links
   * @param random draws each message's concatenation reference
   */
  public SmsComposer(ShortLinks links, RandomGenerator random) {
    this.links = links;
    this.random = random;
    this.english = bundle(Locale.ENGLISH);
    this.ukrainian = bundle(Locale.of("uk"));
  }

  private static ResourceBundle bundle(Locale locale) {
    // No fallback to the JVM's default locale: an English list gets English.
    return ResourceBundle.getBundle(
        BUNDLE,
        locale,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
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
    ResourceBundle texts = isUkrainian(target.language()) ? ukrainian : english;
    String link = links.unsubscribe(target);
    String gsm7 = texts.getString("optout.gsm7").replace("{0}", link);
    String line =
        GsmAlphabet.containsAll(body) && GsmAlphabet.containsAll(gsm7)
            ? gsm7
            : texts.getString("optout").replace("{0}", link);
    return body + "\n" + line;
  }

  private static boolean isUkrainian(String language) {
    return "uk".equals(Locale.forLanguageTag(language).getLanguage());
  }
}
