package io.herald.account;

import java.time.Instant;

/** A tenant of Herald: a company or person that owns lists and sends campaigns. */
public record Account(AccountId id, String name, Instant createdAt) {}
