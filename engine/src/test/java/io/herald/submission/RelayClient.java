package io.herald.submission;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A bare SMTP client for tests that need every reply of the dialogue: STARTTLS (trusting the
 * relay's self-signed certificate) and AUTH PLAIN as an account, then commands as written and
 * message bytes sent exactly as given (dot-stuffed). Replies are read as UTF-8.
 */
final class RelayClient implements AutoCloseable {
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  RelayClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(30_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** Connects, greets, starts TLS and authenticates; returns the EHLO reply after TLS. */
  static RelayClient authenticated(int port, String account, String apiKey) throws Exception {
    RelayClient client = new RelayClient(port);
    client.reply();
    client.say("EHLO client.example");
    if (!client.say("STARTTLS").startsWith("220")) {
      throw new IllegalStateException("STARTTLS refused");
    }
    client.startTls();
    String ehlo = client.say("EHLO client.example");
    String auth =
        client.say(
            "AUTH PLAIN "
                + Base64.getEncoder()
                    .encodeToString(("\0" + account + "\0" + apiKey).getBytes(UTF_8)));
    if (!auth.startsWith("235")) {
      throw new IllegalStateException("AUTH failed: " + auth);
    }
    return client;
  }

  private void startTls() throws Exception {
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
    SSLSocket secure =
        (SSLSocket)
            tls.getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
    secure.startHandshake();
    socket = secure;
    in = secure.getInputStream();
    out = secure.getOutputStream();
  }

  /** One reply, all its lines joined by newlines. */
  String reply() throws IOException {
    StringBuilder reply = new StringBuilder();
    while (true) {
      String line = line();
      reply.append(reply.isEmpty() ? "" : "\n").append(line);
      if (line.length() < 4 || line.charAt(3) == ' ') {
        return reply.toString();
      }
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(UTF_8);
  }

  /** Sends one command line (UTF-8) and reads its reply. */
  String say(String command) throws IOException {
    out.write((command + "\r\n").getBytes(UTF_8));
    out.flush();
    return reply();
  }

  /** DATA, the message (dot-stuffed, as is otherwise) and the final dot; the reply after it. */
  String data(byte[] message) throws IOException {
    String go = say("DATA");
    if (!go.startsWith("354")) {
      return go;
    }
    ByteArrayOutputStream stuffed = new ByteArrayOutputStream(message.length + 64);
    boolean lineStart = true;
    for (byte b : message) {
      if (lineStart && b == '.') {
        stuffed.write('.');
      }
      stuffed.write(b);
      lineStart = b == '\n';
    }
    if (!lineStart) {
      stuffed.writeBytes("\r\n".getBytes(UTF_8));
    }
    stuffed.writeBytes(".\r\n".getBytes(UTF_8));
    out.write(stuffed.toByteArray());
    out.flush();
    return reply();
  }

  /** MAIL FROM, one RCPT TO and DATA; the reply after the message. */
  String send(String from, String to, byte[] message) throws IOException {
    String mail = say("MAIL FROM:<" + from + ">");
    if (!mail.startsWith("250")) {
      return mail;
    }
    String rcpt = say("RCPT TO:<" + to + ">");
    if (!rcpt.startsWith("250")) {
      return rcpt;
    }
    return data(message);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** The relay's certificate is self-signed; these tests are about what follows the handshake. */
  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
