package io.herald.plan;

import java.time.Instant;

/**
 * An account's quota usage as the API ({@code GET /api/account/usage}) and the CLI ({@code herald
 * account usage}) show it: the plan, the current period (it renews at {@code periodEnd}), messages
 * allowed, used and left in it, subscribers allowed and held.
 */
public record Usage(
    String plan,
    Instant periodStart,
    Instant periodEnd,
    long messagesAllowed,
    long messagesUsed,
    long messagesLeft,
    long subscribersAllowed,
    long subscribers,
    String timeZone) {}
