package io.herald.config;

import java.util.Objects;

/**
 * Where the HTTP server (API, tracking links, unsubscribe pages) listens, how much it accepts in
 * one request and how fast clients may call it. The upload limit is here rather than in {@link
 * ImportConfig} because the server must refuse an oversized body before any importer sees a byte of
 * it.
 *
 * @param host address to bind; {@code 0.0.0.0} for every interface
 * @param port TCP port; 0 lets the operating system choose a free one (tests)
 * @param maxUploadBytes largest request body accepted, in bytes
 * @param rateLimit requests per API key and per client address of the public pages
 * @param signIn sessions, mailed links and sign-in limits of the pages people sign in to
 */
public record HttpConfig(
    String host, int port, long maxUploadBytes, RateLimitConfig rateLimit, SignInConfig signIn) {

  public HttpConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(rateLimit, "rateLimit");
    Objects.requireNonNull(signIn, "signIn");
  }

  /** The server with the default rate limits and sign-in settings. */
  public HttpConfig(String host, int port, long maxUploadBytes) {
    this(
        host,
        port,
        maxUploadBytes,
        RateLimitKeys.assemble(new ConfigSchema.Values()),
        SignInKeys.assemble(new ConfigSchema.Values()));
  }

  public HttpConfig withRateLimit(RateLimitConfig next) {
    return new HttpConfig(host, port, maxUploadBytes, next, signIn);
  }

  public HttpConfig withSignIn(SignInConfig next) {
    return new HttpConfig(host, port, maxUploadBytes, rateLimit, next);
  }
}
