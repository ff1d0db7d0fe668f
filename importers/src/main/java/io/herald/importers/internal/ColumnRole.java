package io.herald.importers.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a header cell says its column holds. Headers are matched on a key made of the lower-cased
 * letters and digits only, so "E-mail", "email", " EMAIL: ", "Ел. пошта" / "ел.пошта" and "Ім'я" /
 * "Ім’я" / "Імя" each collapse to one spelling and the alias lists stay short.
 */
public enum ColumnRole {
  EMAIL(
      "email",
      "e-mail",
      "mail",
      "email address",
      "e-mail address",
      "emails",
      "електронна пошта",
      "ел. пошта",
      "ел пошта",
      "пошта",
      "e-mail адреса",
      "email адреса",
      "електронна адреса",
      "адреса електронної пошти",
      "імейл",
      "емейл",
      "электронная почта",
      "эл. почта",
      "почта",
      "e-mail адрес",
      "email адрес",
      "электронный адрес",
      "адрес электронной почты",
      "имейл",
      "емейл",
      "емайл"),
  PHONE(
      "phone",
      "phone number",
      "mobile",
      "mobile phone",
      "mobile number",
      "tel",
      "tel.",
      "telephone",
      "cell",
      "cellphone",
      "msisdn",
      "телефон",
      "тел",
      "тел.",
      "моб",
      "мобільний",
      "мобільний телефон",
      "номер телефону",
      "номер мобільного",
      "мобильный",
      "мобильный телефон",
      "номер телефона",
      "номер мобильного",
      "номер"),
  NAME(
      "name",
      "full name",
      "contact",
      "contact name",
      "ім'я",
      "імя",
      "ім'я та прізвище",
      "піб",
      "п.і.б.",
      "прізвище та ім'я",
      "прізвище ім'я по батькові",
      "имя",
      "имя и фамилия",
      "фио",
      "ф.и.о.",
      "фамилия и имя",
      "фамилия имя отчество"),
  FIRST_NAME("first name", "given name", "first"),
  LAST_NAME("last name", "surname", "family name", "last", "прізвище", "фамилия"),
  ATTRIBUTE();

  private static final Map<String, ColumnRole> BY_KEY =
      Stream.of(values())
          .flatMap(role -> role.aliases.stream().map(alias -> Map.entry(alias, role)))
          .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

  private final Set<String> aliases;

  ColumnRole(String... aliases) {
    this.aliases = Stream.of(aliases).map(ColumnRole::key).collect(Collectors.toUnmodifiableSet());
  }

  /** The role a header cell names, or empty when it is not a known header. */
  public static Optional<ColumnRole> ofHeader(String header) {
    return Optional.ofNullable(BY_KEY.get(key(header)));
  }

  /** Lower-cased letters and digits of the text, everything else dropped. */
  static String key(String text) {
    StringBuilder key = new StringBuilder(text.length());
    text.toLowerCase(Locale.ROOT)
        .codePoints()
        .filter(Character::isLetterOrDigit)
        .forEach(key::appendCodePoint);
    return key.toString();
  }
}
