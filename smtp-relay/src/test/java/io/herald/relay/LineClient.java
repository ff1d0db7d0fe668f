package io.herald.relay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A bare-socket SMTP client for tests that need to see the raw replies and the close. */
final class LineClient implements AutoCloseable {

  private static final int HANG_GUARD_MILLIS = 30_000;

  private final Socket socket;
  private final BufferedReader in;
  private final OutputStream out;
  private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();

  LineClient(int port) throws IOException {
    this(port, "127.0.0.1");
  }

  /** A client connecting from {@code localAddress}, any loopback address such as 127.0.1.5. */
  LineClient(int port, String localAddress) throws IOException {
    socket =
        new Socket(InetAddress.getLoopbackAddress(), port, InetAddress.ofLiteral(localAddress), 0);
    socket.setSoTimeout(HANG_GUARD_MILLIS);
    in =
        new BufferedReader(
            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
    out = socket.getOutputStream();
  }

  /** The next complete reply, all its lines joined with LF; null at end of stream. */
  String reply() throws IOException {
    StringBuilder reply = new StringBuilder();
    String line;
    while ((line = in.readLine()) != null) {
      reply.append(reply.isEmpty() ? "" : "\n").append(line);
      if (line.length() < 4 || line.charAt(3) == ' ') {
        return reply.toString();
      }
    }
    return reply.isEmpty() ? null : reply.toString();
  }

  LineClient send(String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return this;
  }

  /**
   * Starts sending the line (with CRLF) one byte per {@code pace} from a scheduler, as a slow-loris
   * client does; the caller then reads the server's answer ({@link #reply}, bounded by the hang
   * guard). The writes stop once the line is out, the server closed, or {@link #close}.
   */
  LineClient trickle(String line, Duration pace) {
    byte[] bytes = (line + "\r\n").getBytes(StandardCharsets.US_ASCII);
    AtomicInteger next = new AtomicInteger();
    pacer.scheduleAtFixedRate(
        () -> {
          int i = next.getAndIncrement();
          try {
            if (i >= bytes.length) {
              throw new IllegalStateException("line sent"); // ends the schedule
            }
            out.write(bytes[i]);
            out.flush();
          } catch (IOException closed) {
            throw new UncheckedIOException(closed); // ends the schedule
          }
        },
        0,
        pace.toMillis(),
        TimeUnit.MILLISECONDS);
    return this;
  }

  /** True when the server closed the connection (no more bytes). */
  boolean closedByServer() throws IOException {
    return in.read() < 0;
  }

  @Override
  public void close() throws IOException {
    pacer.shutdownNow();
    socket.close();
  }
}
