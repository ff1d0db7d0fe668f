package io.herald.relay.internal;

import io.herald.relay.TlsSettings;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** Builds the STARTTLS context from {@link TlsSettings}: JDK TLS, versions 1.2 and 1.3 only. */
public final class TlsContexts {

  private TlsContexts() {}

  /** The server context, or empty when TLS is disabled. Blocking: reads or generates files. */
  public static Optional<SslContext> create(TlsSettings settings, String serverName, Clock clock)
      throws IOException {
    return switch (settings) {
      case TlsSettings.Disabled disabled -> Optional.empty();
      case TlsSettings.PemFiles files ->
          Optional.of(build(files.certificateChain(), files.privateKey()));
      case TlsSettings.SelfSigned selfSigned -> {
        SelfSignedCertificate pair =
            SelfSignedCertificate.loadOrCreate(selfSigned.directory(), serverName, clock);
        yield Optional.of(build(pair.certificate(), pair.privateKey()));
      }
    };
  }

  private static SslContext build(Path certificateChain, Path privateKey) throws IOException {
    try {
      return SslContextBuilder.forServer(certificateChain.toFile(), privateKey.toFile())
          .sslProvider(SslProvider.JDK)
          .protocols("TLSv1.3", "TLSv1.2")
          .build();
    } catch (IllegalArgumentException | javax.net.ssl.SSLException e) {
      throw new IOException(
          "cannot use TLS certificate " + certificateChain + " with key " + privateKey, e);
    }
  }
}
