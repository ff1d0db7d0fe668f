package io.herald.audience;

import java.time.Instant;

/**
 * A named list of contacts in one account. {@code consentStatement} is the text of the consent
 * footer (R4) for messages to this list; {@code updatedAt} is the last import into it (R12: lists
 * unused for three years may be deleted); {@code language} ({@code uk} or {@code en}, see {@link
 * ListLanguages}) is what its SMS opt-out line and unsubscribe page speak.
 */
public record ContactList(
    String id,
    String name,
    long members,
    String consentStatement,
    Instant createdAt,
    Instant updatedAt,
    String language) {
  public ContactList {
    String given = language;
    language =
        ListLanguages.parse(given)
            .orElseThrow(() -> new IllegalArgumentException(ListLanguages.refusal(given)));
  }

  /** A list in the default language. */
  public ContactList(
      String id,
      String name,
      long members,
      String consentStatement,
      Instant createdAt,
      Instant updatedAt) {
    this(id, name, members, consentStatement, createdAt, updatedAt, ListLanguages.DEFAULT);
  }

  /** The same list speaking {@code language}. */
  public ContactList withLanguage(String language) {
    return new ContactList(id, name, members, consentStatement, createdAt, updatedAt, language);
  }
}
