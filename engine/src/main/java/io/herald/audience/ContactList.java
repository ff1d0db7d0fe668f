package io.herald.audience;

import java.time.Instant;

/**
 * A named list of contacts in one account. {@code consentStatement} is the text of the consent
 * footer (R4) for messages to this list; {@code updatedAt} is the last import into it (R12: lists
 * unused for three years may be deleted).
 */
public record ContactList(
    String id,
    String name,
    long members,
    String consentStatement,
    Instant createdAt,
    Instant updatedAt) {}
