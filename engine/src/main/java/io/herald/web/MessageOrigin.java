package io.herald.web;

import java.util.Optional;

/**
 * Whose message a recipient's page is about, as far as it is known: the account's company name, the
 * sender the campaign named ({@code Name <address>}), the consent statement of the list the message
 * went to, and that list's language ({@code uk} or {@code en}). Each part is empty when it is not
 * known (a transactional message has no list; a deleted campaign has nothing).
 */
record MessageOrigin(
    Optional<String> company,
    Optional<String> sender,
    Optional<String> consent,
    Optional<String> language) {
  static final MessageOrigin UNKNOWN =
      new MessageOrigin(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  /** The sender as the page names it: the campaign's, else the company, else "this sender". */
  String senderOr(PageTexts texts) {
    return sender.or(() -> company).orElseGet(() -> texts.get("sender.unknown"));
  }
}
