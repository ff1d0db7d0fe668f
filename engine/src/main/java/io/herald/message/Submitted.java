package io.herald.message;

/**
 * A message accepted and durably queued: its id, and whether this submit only repeated an earlier
 * one with the same Idempotency-Key (then nothing new was queued and the id is the earlier one's).
 */
public record Submitted(MessageId id, boolean replayed) {}
