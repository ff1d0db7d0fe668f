package io.herald.relay;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A real relay on 127.0.0.1 with an OS-chosen port and a self-signed certificate. */
final class RunningRelay implements AutoCloseable {

  private final RelayServer server;
  private final InetSocketAddress address;
  private final Path certificates;

  RunningRelay(RelaySettings.Builder settings, RelayBackend backend, Path certificates)
      throws IOException {
    this.certificates = certificates;
    server =
        new RelayServer(
            settings
                .host("127.0.0.1")
                .port(0)
                .tls(new TlsSettings.SelfSigned(certificates))
                .build(),
            backend,
            Clock.systemUTC());
    address = server.start();
  }

  int port() {
    return address.getPort();
  }

  /** Waits (at most 10 s) until the server counts {@code expected} open connections. */
  void awaitOpenConnections(int expected) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (server.openConnections() != expected) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "open connections: " + server.openConnections() + ", expected " + expected);
      }
      Thread.onSpinWait();
      Thread.yield();
    }
  }

  /** A TLS context that trusts exactly the relay's self-signed certificate. */
  SSLContext clientTls() throws Exception {
    Certificate certificate;
    try (InputStream in = Files.newInputStream(certificates.resolve("relay-cert.pem"))) {
      certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("relay", certificate);
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  @Override
  public void close() {
    server.close();
  }
}
