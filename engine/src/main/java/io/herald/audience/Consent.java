package io.herald.audience;

import java.time.Instant;

/**
 * The record of why Herald may write to a contact (R2): where the address came from, when, and the
 * statement the recipient agreed to. It is kept for as long as a contact refers to it. All contacts
 * of one import share one consent record, identified by {@code id}, so a million-row list stores it
 * once, not a million times.
 */
public record Consent(String id, String source, Instant at, String statement) {}
