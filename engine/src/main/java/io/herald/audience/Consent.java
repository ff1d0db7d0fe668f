package io.herald.audience;

import java.time.Instant;

/**
 * The record of why Herald may write to a contact (R2): where the address came from, when, and the
 * statement the recipient agreed to. It is kept with the contact for as long as the contact is.
 */
public record Consent(String source, Instant at, String statement) {}
