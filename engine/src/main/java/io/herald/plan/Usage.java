package io.herald.plan;

import java.time.Instant;

/**
 * An account's quota usage as the API ({@code GET /api/account/usage}) and the CLI ({@code herald
 * account usage}) show it: the plan, the current period (it renews at {@code periodEnd}), messages
 * allowed, used and left in it (a package's allowance includes what an upgrade carried over),
 * subscribers allowed and held, the plan it changes to when the period ends ({@code null}: it
 * renews), and the balance with two decimals.
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
    String timeZone,
    String nextPlan,
    String balance,
    String currency) {}
