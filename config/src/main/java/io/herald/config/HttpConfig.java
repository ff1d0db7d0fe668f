package io.herald.config;

import java.util.Objects;

/**
 * Where the HTTP server (API, tracking links, unsubscribe pages) listens and how much it accepts in
 * one request. The upload limit is here rather than in {@link ImportConfig} because the server must
 * refuse an oversized body before any importer sees a byte of it.
 *
 * @param host address to bind; {@code 0.0.0.0} for every interface
 * @param port TCP port; 0 lets the operating system choose a free one (tests)
 * @param maxUploadBytes largest request body accepted, in bytes
 */
public record HttpConfig(String host, int port, long maxUploadBytes) {

  public HttpConfig {
    Objects.requireNonNull(host, "host");
  }
}
