package io.herald.delivery.smtp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * Hands Jakarta Mail the sockets it asks for and remembers the last one, so that {@link
 * PooledSmtpTransport} can give the reply after the message content its own, longer timeout. One
 * instance per connection; {@link #plain()} for plain and STARTTLS sessions, {@link #tls} for
 * implicit TLS (Jakarta Mail treats any {@link SSLSocketFactory} as TLS, hence two types).
 */
final class CapturingSocketFactory implements Supplier<Socket> {
  private final AtomicReference<Socket> last = new AtomicReference<>();

  @Override
  public Socket get() {
    return last.get();
  }

  private Socket remember(Socket s) {
    // SMTP is a request/reply dialogue with small writes (the final "." of DATA, RSET, MAIL):
    // with Nagle's algorithm each of them waits for the peer's delayed ACK, ~40 ms a message.
    try {
      s.setTcpNoDelay(true);
    } catch (java.net.SocketException e) {
      // Not yet connected or not a TCP socket: Jakarta Mail connects it later; nothing to tune.
    }
    last.set(s);
    return s;
  }

  SocketFactory plain() {
    return new Plain(SocketFactory.getDefault());
  }

  SSLSocketFactory tls(SSLSocketFactory delegate) {
    return new Tls(delegate);
  }

  private final class Plain extends SocketFactory {
    private final SocketFactory delegate;

    Plain(SocketFactory delegate) {
      this.delegate = delegate;
    }

    @Override
    public Socket createSocket() throws IOException {
      return remember(delegate.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return remember(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort)
        throws IOException {
      return remember(delegate.createSocket(host, port, local, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return remember(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort)
        throws IOException {
      return remember(delegate.createSocket(host, port, local, localPort));
    }
  }

  private final class Tls extends SSLSocketFactory {
    private final SSLSocketFactory delegate;

    Tls(SSLSocketFactory delegate) {
      this.delegate = delegate;
    }

    @Override
    public Socket createSocket() throws IOException {
      return remember(delegate.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return remember(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort)
        throws IOException {
      return remember(delegate.createSocket(host, port, local, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return remember(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort)
        throws IOException {
      return remember(delegate.createSocket(host, port, local, localPort));
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose)
        throws IOException {
      return remember(delegate.createSocket(s, host, port, autoClose));
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return delegate.getSupportedCipherSuites();
    }
  }
}
