package io.herald.web.pages;

import io.herald.account.Users;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * The pages' texts in one language, from the {@code io/herald/web/pages/app} resource bundles
 * (Ukrainian and English, every key in both). The language is the signed-in user's choice, else the
 * one chosen on the pages before sign-in (a cookie), else the first of the browser's {@code
 * Accept-Language} that the pages have, else Ukrainian: Herald's users are Ukrainian first (R15).
 */
final class Texts {
  private static final String BUNDLE = "io.herald.web.pages.app";
  private static final Map<String, Texts> LOADED = load();

  private final ResourceBundle bundle;
  private final Map<String, String> all;

  private Texts(ResourceBundle bundle) {
    this.bundle = bundle;
    Map<String, String> map = new HashMap<>();
    for (String key : bundle.keySet()) {
      map.put(key, bundle.getString(key));
    }
    this.all = Map.copyOf(map);
  }

  private static Map<String, Texts> load() {
    Map<String, Texts> map = new HashMap<>();
    for (String language : Users.LANGUAGES) {
      // No fallback to the JVM's locale: English is the base bundle itself.
      map.put(
          language,
          new Texts(
              ResourceBundle.getBundle(
                  BUNDLE,
                  Locale.of(language),
                  ResourceBundle.Control.getNoFallbackControl(
                      ResourceBundle.Control.FORMAT_PROPERTIES))));
    }
    return Map.copyOf(map);
  }

  static Texts in(String language) {
    return LOADED.getOrDefault(language, LOADED.get(Users.LANGUAGES.getFirst()));
  }

  /** The language for a request without a signed-in user. */
  static String language(Optional<String> chosen, String acceptLanguage) {
    if (chosen.isPresent() && Users.LANGUAGES.contains(chosen.get())) {
      return chosen.get();
    }
    if (acceptLanguage != null && !acceptLanguage.isBlank()) {
      try {
        List<Locale> have = Users.LANGUAGES.stream().map(Locale::of).toList();
        Locale picked = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), have);
        if (picked != null) {
          return picked.getLanguage();
        }
      } catch (IllegalArgumentException malformedHeader) {
        // fall through to the default
      }
    }
    return Users.LANGUAGES.getFirst();
  }

  String lang() {
    return bundle.getString("lang");
  }

  String get(String key) {
    return bundle.getString(key);
  }

  /** The text of {@code key} with {@code {0}}, {@code {1}}… replaced (plain text, for mail). */
  String format(String key, String... values) {
    String text = get(key);
    for (int i = 0; i < values.length; i++) {
      text = text.replace("{" + i + "}", values[i]);
    }
    return text;
  }

  /** Every text, for templates ({@code {{t.key}}}). */
  Map<String, String> all() {
    return all;
  }

  /** A part ({@code title}, {@code heading}, {@code text}) of the page for an error status. */
  String error(int status, String part) {
    String specific = "error_" + status + "_" + part;
    return bundle.containsKey(specific) ? bundle.getString(specific) : get("error_" + part);
  }
}
