package io.herald.channel.email;

import java.util.Objects;
import java.util.Optional;

/**
 * What a marketer writes for one campaign: Mustache templates for the subject, the HTML body and,
 * optionally, the text body (derived from the HTML when absent). Kept apart from {@link
 * CompiledTemplate} so that the raw text can be stored and shown back as written.
 */
public record EmailContent(String subject, String html, Optional<String> text) {
  public EmailContent {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(html, "html");
    Objects.requireNonNull(text, "text");
  }
}
