package io.herald.web;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The texts of the recipients' pages in the reader's language: Ukrainian or English, chosen from
 * the request's {@code Accept-Language} (English when it names neither) unless the page knows the
 * language of the list the reader is on (unsubscribe pages), read from the {@code
 * io/herald/web/pages} resource bundles.
 */
final class PageTexts {
  private static final String BUNDLE = "io.herald.web.pages";
  private static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.of("uk"));

  private final ResourceBundle bundle;

  private PageTexts(ResourceBundle bundle) {
    this.bundle = bundle;
  }

  static PageTexts of(Context ctx) {
    return in(language(ctx.header("Accept-Language")));
  }

  /**
   * The texts in {@code language} (a list's {@code uk} or {@code en}) when the pages have it,
   * otherwise in the language the request asks for.
   */
  static PageTexts of(Context ctx, String language) {
    return LANGUAGES.stream()
        .filter(l -> l.getLanguage().equals(language))
        .findFirst()
        .map(PageTexts::in)
        .orElseGet(() -> of(ctx));
  }

  private static PageTexts in(Locale locale) {
    // No fallback to the JVM's default locale: a reader who asked for English gets English.
    return new PageTexts(
        ResourceBundle.getBundle(
            BUNDLE,
            locale,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
  }

  private static Locale language(String acceptLanguage) {
    if (acceptLanguage == null || acceptLanguage.isBlank()) {
      return Locale.ENGLISH;
    }
    try {
      return lookup(acceptLanguage);
    } catch (IllegalArgumentException malformedWeights) {
      // Such as chromium's "uk;q=0.9;q=0.8" for a tag the user weighted: the tags still say
      // which languages the reader wants, in their order.
      try {
        return lookup(acceptLanguage.replaceAll(";[^,]*", ""));
      } catch (IllegalArgumentException malformedTags) {
        return Locale.ENGLISH;
      }
    }
  }

  private static Locale lookup(String ranges) {
    Locale chosen = Locale.lookup(Locale.LanguageRange.parse(ranges), LANGUAGES);
    return chosen == null ? Locale.ENGLISH : chosen;
  }

  /** The page's language tag, for {@code <html lang>}. */
  String lang() {
    return bundle.getString("lang");
  }

  String get(String key) {
    return bundle.getString(key);
  }

  /** The text of {@code key}, HTML-escaped, with {@code {0}}, {@code {1}}… replaced by HTML. */
  String html(String key, String... htmlValues) {
    String text = PublicPages.escape(get(key));
    for (int i = 0; i < htmlValues.length; i++) {
      text = text.replace("{" + i + "}", htmlValues[i]);
    }
    return text;
  }

  /** A part ({@code title}, {@code heading}, {@code text}) of the page for an error status. */
  String error(int status, String part) {
    String specific = "error." + status + "." + part;
    return bundle.containsKey(specific) ? bundle.getString(specific) : get("error." + part);
  }
}
