package io.herald.audience;

import java.time.Instant;

/**
 * An address the account may never write to again (R3): unsubscribed, hard-bounced, complained or
 * added by hand. A later import of the same address does not resubscribe it.
 */
public record Suppression(String key, String reason, Instant at) {}
