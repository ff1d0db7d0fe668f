package io.herald.message;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An account's named Mustache template for transactional messages: a subject and an HTML and/or a
 * text body. A message names it and gives the data; values are HTML-escaped in the HTML body.
 */
public record StoredTemplate(
    String name, String subject, Optional<String> html, Optional<String> text, Instant updatedAt) {
  public StoredTemplate {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(html, "html");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
