package io.herald.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 spoken byte by byte over a socket, for what {@code java.net.http} will not send: request
 * lines and headers of any size, broken framing, and a chunked body that never ends. Reads are
 * bounded by a socket timeout, so a server that never answers fails the test instead of hanging it.
 */
final class RawHttp {
  private static final int READ_TIMEOUT_MILLIS = 30_000;

  /** A response as read off the wire; header names lower-cased. */
  record Response(int status, Map<String, String> headers, String body) {
    Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    String contentType() {
      return header("Content-Type").orElse("");
    }
  }

  private RawHttp() {}

  /** Sends {@code request} as it is and reads one response. */
  static Response exchange(int port, byte[] request) throws IOException {
    try (Socket socket = connect(port)) {
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      return read(socket.getInputStream());
    }
  }

  static Response exchange(int port, String request) throws IOException {
    return exchange(port, request.getBytes(UTF_8));
  }

  /**
   * Sends {@code head} (request line and headers, ending in an empty line, with {@code
   * Transfer-Encoding: chunked}) and then chunks of {@code chunk} until {@code maxBytes} are sent
   * or the server stops reading; the last chunk never comes. The response is read meanwhile, so it
   * arrives only if the server answers without waiting for the end of the body.
   */
  static Response floodChunked(int port, String head, byte[] chunk, long maxBytes)
      throws Exception {
    try (Socket socket = connect(port)) {
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(UTF_8));
      Thread writer =
          Thread.ofVirtual()
              .start(
                  () -> {
                    byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(UTF_8);
                    try {
                      for (long sent = 0; sent < maxBytes; sent += chunk.length) {
                        out.write(size);
                        out.write(chunk);
                        out.write("\r\n".getBytes(UTF_8));
                      }
                      out.flush();
                    } catch (IOException closedByTheServer) {
                      // expected once the server has answered and closed
                    }
                  });
      try {
        return read(socket.getInputStream());
      } finally {
        socket.close();
        writer.join();
      }
    }
  }

  private static Socket connect(int port) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    return socket;
  }

  private static Response read(InputStream raw) throws IOException {
    InputStream in = new BufferedInputStream(raw);
    String statusLine = line(in);
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      throw new IOException("not an HTTP response: " + statusLine);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String header; !(header = line(in)).isEmpty(); ) {
      int colon = header.indexOf(':');
      headers.put(
          header.substring(0, colon).strip().toLowerCase(Locale.ROOT),
          header.substring(colon + 1).strip());
    }
    byte[] body;
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      ByteArrayOutputStream decoded = new ByteArrayOutputStream();
      for (int size; (size = Integer.parseInt(line(in).split(";")[0].strip(), 16)) > 0; ) {
        decoded.write(in.readNBytes(size));
        line(in);
      }
      body = decoded.toByteArray();
    } else if (headers.containsKey("content-length")) {
      body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    } else {
      body = in.readAllBytes();
    }
    return new Response(Integer.parseInt(parts[1]), headers, new String(body, UTF_8));
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b; (b = in.read()) != '\n'; ) {
      if (b == -1) {
        throw new IOException("the connection ended in a line: " + line.toString(ISO_8859_1));
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(ISO_8859_1);
  }
}
