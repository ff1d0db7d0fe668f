package io.herald.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Links in messages: where recipients' clicks, opens and unsubscribes arrive, and the key their
 * tokens are signed with.
 *
 * @param baseUrl public base URL of Herald's HTTP server as recipients reach it
 * @param secret signing key for link tokens; empty means one generated on first start into {@code
 *     <data.dir>/tracking-secret} (every node of a cluster must share it)
 */
public record TrackingConfig(URI baseUrl, Optional<String> secret) {
  public TrackingConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(secret, "secret");
  }
}
