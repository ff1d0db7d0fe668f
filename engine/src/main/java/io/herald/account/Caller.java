package io.herald.account;

/** A request's authenticated sender: the account and which of its API keys it presented. */
public record Caller(Account account, ApiKeyId key) {}
