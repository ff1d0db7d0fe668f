package io.herald.tracking;

import java.util.Optional;

/**
 * Looks up the short links that SMS carry ({@code /s/<code>}, {@code /l/<code>}) by their code.
 * Empty for a code that is malformed, was never minted, or has expired; a malformed code costs no
 * store lookup.
 */
public interface ShortLinkCodes {
  Optional<ShortLink> find(String code);
}
