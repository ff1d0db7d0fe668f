package io.herald.relay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A bare-socket SMTP client for tests that need to see the raw replies and the close. */
final class LineClient implements AutoCloseable {

  private static final int HANG_GUARD_MILLIS = 30_000;

  private final Socket socket;
  private final BufferedReader in;
  private final OutputStream out;

  LineClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
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

  /** True when the server closed the connection (no more bytes). */
  boolean closedByServer() throws IOException {
    return in.read() < 0;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
