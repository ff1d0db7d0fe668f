package io.herald.delivery.smtp;

import io.herald.delivery.Envelope;
import io.herald.delivery.smtp.ReplyClassifier.Stage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * The message transaction of a session whose server offers {@code PIPELINING} (RFC 2920), on the
 * session's own socket: {@code MAIL}, {@code RCPT} and {@code DATA} go out in one write and their
 * three replies come back together, then the content goes out in one write, already in the form
 * {@link DataEncoding} gives it. Two round trips a message instead of four, and no byte-by-byte
 * stream chain. Jakarta Mail keeps the rest of the session (greeting, EHLO, AUTH, RSET, NOOP,
 * QUIT): each side reads exactly the replies to its own commands, so the two never share buffered
 * bytes. Every read has the reply timeout (the reply to the content the data timeout) and the
 * content write the data timeout, kept by {@link IoDeadlines} (which closes the socket of an
 * operation past its deadline) rather than by {@code SO_TIMEOUT} and a timer per operation.
 */
final class PipelinedSession {
  private static final int MAX_LINE = 4096;
  private static final int MAX_LINES = 128;

  /**
   * A reply and the stage of the transaction it ended ({@code ok}: the message was accepted; {@code
   * abandoned}: the session is left mid-transaction and must be closed).
   */
  record Result(Stage stage, int code, String text, boolean ok, boolean abandoned) {
    Result abandon() {
      return new Result(stage, code, text, ok, true);
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final IoDeadlines.Watch watch;
  private final int replyMillis;
  private final int dataMillis;
  private final byte[] buffer = new byte[1024];
  private int position;
  private int limit;

  PipelinedSession(Socket socket, IoDeadlines deadlines, int replyMillis, int dataMillis)
      throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
    this.watch = deadlines.watch(socket);
    this.replyMillis = replyMillis;
    this.dataMillis = dataMillis;
  }

  /**
   * Whether an envelope can go as is: printable ASCII without spaces or angle brackets (anything
   * else, an internationalised address say, takes Jakarta Mail's own path).
   */
  static boolean plain(Envelope envelope) {
    return plain(envelope.mailFrom()) && plain(envelope.rcptTo()) && !envelope.rcptTo().isEmpty();
  }

  private static boolean plain(String address) {
    for (int i = 0; i < address.length(); i++) {
      char c = address.charAt(i);
      if (c <= ' ' || c >= 127 || c == '<' || c == '>') {
        return false;
      }
    }
    return true;
  }

  /**
   * Sends one message; a refusal at any stage is a result (the caller resets the session), a broken
   * or silent connection an exception.
   */
  Result send(Envelope envelope, byte[] rfc822, String parameters) throws IOException {
    // Untimed reads here: the watch keeps the deadlines. Jakarta Mail's own commands (RSET, NOOP)
    // get their SO_TIMEOUT back afterwards.
    socket.setSoTimeout(0);
    try {
      return transaction(envelope, rfc822, parameters);
    } catch (IOException e) {
      if (watch.timedOut()) {
        // The sweep closed the socket: what ended the read or write is the deadline, not the close.
        throw new SocketTimeoutException("no answer in time");
      }
      throw e;
    } finally {
      watch.disarm();
      if (!socket.isClosed()) {
        socket.setSoTimeout(replyMillis);
      }
    }
  }

  /**
   * @param parameters MAIL FROM parameters ({@link MailNeeds#parameters}): empty or starting with a
   *     space, ASCII
   */
  private Result transaction(Envelope envelope, byte[] rfc822, String parameters)
      throws IOException {
    if (position != limit) {
      throw new IOException("unexpected bytes from the server before MAIL");
    }
    String commands =
        "MAIL FROM:<"
            + envelope.mailFrom()
            + ">"
            + parameters
            + "\r\nRCPT TO:<"
            + envelope.rcptTo()
            + ">\r\nDATA\r\n";
    out.write(commands.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    Result mail = read(Stage.MAIL, replyMillis);
    Result rcpt = read(Stage.RCPT, replyMillis);
    Result data = read(Stage.DATA, replyMillis);
    if (!positive(mail) || !positive(rcpt)) {
      Result refused = positive(mail) ? rcpt : mail;
      // A server that still accepts DATA would take whatever comes next as content: the session
      // is left there and closed, rather than risk an empty message going out.
      return data.code() == 354 ? refused.abandon() : refused;
    }
    if (data.code() != 354) {
      return data;
    }
    byte[] content = DataEncoding.encode(rfc822);
    watch.arm(dataMillis);
    out.write(content);
    out.flush();
    Result done = read(Stage.DATA, dataMillis);
    return new Result(Stage.DATA, done.code(), done.text(), positive(done), false);
  }

  /** Stops watching the socket's deadlines; the session is closed. */
  void close() {
    watch.close();
  }

  private static boolean positive(Result r) {
    return r.code() >= 200 && r.code() < 300;
  }

  /** One reply, all its lines: the code of the last, and the lines joined as Jakarta Mail does. */
  private Result read(Stage stage, int millis) throws IOException {
    watch.arm(millis);
    StringBuilder text = new StringBuilder();
    for (int lines = 0; lines < MAX_LINES; lines++) {
      String line = readLine();
      if (line.length() < 3) {
        throw new IOException("malformed SMTP reply: " + line);
      }
      int code;
      try {
        code = Integer.parseInt(line.substring(0, 3));
      } catch (NumberFormatException e) {
        throw new IOException("malformed SMTP reply: " + line, e);
      }
      if (!text.isEmpty()) {
        text.append('\n');
      }
      text.append(line);
      if (line.length() == 3 || line.charAt(3) != '-') {
        return new Result(stage, code, text.toString(), false, false);
      }
    }
    throw new IOException("SMTP reply of more than " + MAX_LINES + " lines");
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder(64);
    while (line.length() <= MAX_LINE) {
      if (position == limit) {
        int read = in.read(buffer);
        if (read < 0) {
          throw new IOException("connection closed by the server");
        }
        position = 0;
        limit = read;
      }
      byte b = buffer[position++];
      if (b == '\n') {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r'
            ? line.substring(0, end - 1)
            : line.toString();
      }
      line.append((char) (b & 0xFF));
    }
    throw new IOException("SMTP reply line longer than " + MAX_LINE);
  }
}
