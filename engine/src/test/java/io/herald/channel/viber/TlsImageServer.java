package io.herald.channel.viber;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A real HTTPS server on 127.0.0.1 (an OS-chosen port) for the image checker's tests: a certificate
 * made for this run (for 127.0.0.1 and localhost), HTTP/1.1 answers scripted per path with exactly
 * the headers a test gives (so a missing Content-Length is really missing), answers that never come
 * or stop halfway, and every request it received.
 */
final class TlsImageServer implements AutoCloseable {
  /** A request as received: method, path and headers (lower-case names). */
  record Request(String method, String path, Map<String, String> headers) {}

  /** An answer: status, headers as sent, body (not sent to HEAD); stall: stop after the headers. */
  record Answer(int status, List<String> headers, byte[] body, boolean stall) {
    static Answer of(int status, byte[] body, String... headers) {
      return new Answer(status, List.of(headers), body, false);
    }
  }

  /** An answer that never comes. */
  static final Answer SILENCE = new Answer(0, List.of(), new byte[0], true);

  final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Function<Request, Answer>> routes = new ConcurrentHashMap<>();
  private final SSLServerSocket server;
  private final X509Certificate certificate;
  private final CountDownLatch closed = new CountDownLatch(1);

  TlsImageServer() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair keys = generator.generateKeyPair();
    X500Name name = new X500Name("CN=localhost");
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            name,
            BigInteger.valueOf(now.toEpochMilli()),
            Date.from(now.minus(1, ChronoUnit.DAYS)),
            Date.from(now.plus(1, ChronoUnit.DAYS)),
            name,
            keys.getPublic());
    builder.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(
            new GeneralName[] {
              new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
              new GeneralName(GeneralName.dNSName, "localhost")
            }));
    certificate =
        new JcaX509CertificateConverter()
            .getCertificate(
                builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    char[] password = "test".toCharArray();
    store.setKeyEntry("server", keys.getPrivate(), password, new Certificate[] {certificate});
    KeyManagerFactory km = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    km.init(store, password);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(km.getKeyManagers(), null, null);
    server =
        (SSLServerSocket)
            tls.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(this::accept);
  }

  /** A client TLS context that trusts this server's certificate (and nothing else). */
  SSLContext clientTls() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", certificate);
    TrustManagerFactory tm =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tm.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tm.getTrustManagers(), null);
    return tls;
  }

  /** {@code https://<host>:<port><path>}. */
  String url(String host, String path) {
    return "https://" + host + ":" + server.getLocalPort() + path;
  }

  String url(String path) {
    return url("127.0.0.1", path);
  }

  void route(String path, Function<Request, Answer> answer) {
    routes.put(path, answer);
  }

  void route(String path, Answer answer) {
    route(path, request -> answer);
  }

  List<String> methods() {
    return requests.stream().map(r -> r.method() + " " + r.path()).toList();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread.ofVirtual().start(() -> serve(socket));
      } catch (Exception e) {
        return; // closed
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      String[] line = in.readLine().split(" ");
      Map<String, String> headers = new HashMap<>();
      for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
        int colon = h.indexOf(':');
        headers.put(
            h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
      }
      Request request = new Request(line[0], line[1], headers);
      requests.add(request);
      Answer answer =
          routes
              .getOrDefault(line[1], r -> Answer.of(404, new byte[0], "Content-Length: 0"))
              .apply(request);
      if (answer == SILENCE) {
        closed.await();
        return;
      }
      List<String> head = new ArrayList<>();
      head.add("HTTP/1.1 " + answer.status() + " X");
      head.addAll(answer.headers());
      head.add("Connection: close");
      OutputStream out = socket.getOutputStream();
      out.write((String.join("\r\n", head) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      if (!request.method().equals("HEAD")) {
        out.write(answer.body());
      }
      out.flush();
      if (answer.stall()) {
        closed.await();
      }
    } catch (Exception e) {
      // the client went away: nothing to answer
    }
  }

  @Override
  public void close() throws Exception {
    closed.countDown();
    server.close();
  }
}
