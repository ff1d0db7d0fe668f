package io.herald.relay;

import java.nio.file.Path;

/**
 * Where the relay's TLS certificate for STARTTLS comes from.
 *
 * <p>{@link Disabled} offers no STARTTLS (AUTH then needs {@code allowPlainAuth}); {@link PemFiles}
 * uses an operator's certificate chain and private key; {@link SelfSigned} generates a key and a
 * self-signed certificate at first start into a directory and reuses them afterwards, so clients
 * that pinned it keep working across restarts.
 */
public sealed interface TlsSettings {

  /** No STARTTLS. */
  record Disabled() implements TlsSettings {}

  /**
   * A certificate chain and a PKCS#8 private key in PEM files.
   *
   * @param certificateChain PEM file with the server certificate first
   * @param privateKey PEM file with an unencrypted PKCS#8 key
   */
  record PemFiles(Path certificateChain, Path privateKey) implements TlsSettings {}

  /**
   * A self-signed certificate kept in a directory ({@code relay-cert.pem}, {@code relay-key.pem}).
   *
   * @param directory created when missing
   */
  record SelfSigned(Path directory) implements TlsSettings {}
}
