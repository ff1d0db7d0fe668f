package io.herald.channel.sms;

import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The texts Herald adds to a message (an opt-out line, an unsubscribe line) in its list's language:
 * Ukrainian for any {@code uk} tag, English otherwise, from one resource bundle — never the JVM's
 * default locale, so an English list gets English wherever Herald runs. Thread-safe.
 */
public final class ListTexts {
  private final ResourceBundle english;
  private final ResourceBundle ukrainian;

  /** {@code bundle}: the base name, e.g. {@code io.herald.channel.sms.sms}. */
  public ListTexts(String bundle) {
    this.english = load(bundle, Locale.ENGLISH);
    this.ukrainian = load(bundle, Locale.of("uk"));
  }

  private static ResourceBundle load(String bundle, Locale locale) {
    return ResourceBundle.getBundle(
        bundle,
        locale,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /**
   * The text {@code key} for a list of {@code language}, with {@code {0}} replaced by {@code link}.
   */
  public String line(String language, String key, String link) {
    boolean uk = "uk".equals(Locale.forLanguageTag(language).getLanguage());
    return (uk ? ukrainian : english).getString(key).replace("{0}", link);
  }
}
