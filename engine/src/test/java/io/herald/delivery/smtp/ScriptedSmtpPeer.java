package io.herald.delivery.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A tiny SMTP server for fault injection: loopback, a port the OS picks, one virtual thread per
 * connection. The script sees each command line ({@code "RCPT TO:<a@b>"}, or {@code "."} for the
 * end of the content) and answers with a {@link Reply}, or null for the happy default. {@link
 * Reply.Hang} waits until the peer is closed; {@link Reply.Drop} closes the connection, and on
 * {@code "."} it does so in the middle of the content. With {@code pipelining} it offers PIPELINING
 * (RFC 2920) and counts the transactions whose RCPT arrived with their MAIL, unanswered; like a
 * real server it refuses DATA when the sender or recipient was refused.
 */
final class ScriptedSmtpPeer implements AutoCloseable {
  sealed interface Reply {
    record Say(String line) implements Reply {}

    record Hang() implements Reply {}

    record Drop() implements Reply {}
  }

  static Reply say(String line) {
    return new Reply.Say(line);
  }

  /** Answers {@code reply} to every command starting with {@code verb}, the default otherwise. */
  static Function<String, Reply> on(String verb, Reply reply) {
    return line -> line.toUpperCase(Locale.ROOT).startsWith(verb) ? reply : null;
  }

  private final ServerSocket server;
  private final Function<String, Reply> script;
  private final boolean pipelining;
  private final AtomicInteger pipelined = new AtomicInteger();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final AtomicInteger connections = new AtomicInteger();
  private final List<String> commands = new CopyOnWriteArrayList<>();
  private final List<String> contents = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  ScriptedSmtpPeer(Function<String, Reply> script) throws IOException {
    this(script, false);
  }

  ScriptedSmtpPeer(Function<String, Reply> script, boolean pipelining) throws IOException {
    this.script = script;
    this.pipelining = pipelining;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(this::acceptLoop);
  }

  int port() {
    return server.getLocalPort();
  }

  int connections() {
    return connections.get();
  }

  /** Transactions whose RCPT was already sent when their MAIL was read. */
  int pipelined() {
    return pipelined.get();
  }

  /** Each accepted content as received: lines (still dot-stuffed) ended by CRLF. */
  List<String> contents() {
    return List.copyOf(contents);
  }

  List<String> commands() {
    return List.copyOf(commands);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        connections.incrementAndGet();
        sockets.add(s);
        Thread.ofVirtual().start(() -> converse(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void converse(Socket s) {
    try (s) {
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
      OutputStream out = s.getOutputStream();
      write(out, "220 peer.test ESMTP scripted");
      boolean[] envelope = {true};
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        commands.add(line);
        if (line.toUpperCase(Locale.ROOT).startsWith("MAIL") && in.ready()) {
          pipelined.incrementAndGet();
        }
        if (!answer(line, in, out, envelope)) {
          return;
        }
      }
    } catch (IOException | InterruptedException e) {
      // the client went away, or the test is over
    }
  }

  /** Answers one command; false when the connection is to end. */
  private boolean answer(String line, BufferedReader in, OutputStream out, boolean[] envelope)
      throws IOException, InterruptedException {
    String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
    Reply scripted = script.apply(line);
    if (verb.equals("MAIL") || verb.equals("RSET")) {
      envelope[0] = true;
    }
    if ((verb.equals("MAIL") || verb.equals("RCPT"))
        && !(scripted == null || scripted instanceof Reply.Say say && say.line().startsWith("2"))) {
      envelope[0] = false;
    }
    if (verb.equals("DATA") && !envelope[0]) {
      write(out, "503 5.5.1 no valid recipients");
      return true;
    }
    String fallback =
        switch (verb) {
          case "EHLO" -> pipelining ? "250-peer.test\r\n250 PIPELINING" : "250 peer.test";
          case "HELO" -> "250 peer.test";
          case "MAIL" -> "250 2.1.0 sender ok";
          case "RCPT" -> "250 2.1.5 recipient ok";
          case "DATA" -> "354 end with <CRLF>.<CRLF>";
          case "QUIT" -> "221 2.0.0 bye";
          case "RSET", "NOOP" -> "250 2.0.0 ok";
          default -> "502 5.5.2 unknown command";
        };
    if (!reply(out, scripted, fallback)) {
      return false;
    }
    if (verb.equals("DATA")) {
      return content(in, out);
    }
    return !verb.equals("QUIT");
  }

  private boolean content(BufferedReader in, OutputStream out)
      throws IOException, InterruptedException {
    Reply end = script.apply(".");
    StringBuilder content = new StringBuilder();
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (end instanceof Reply.Drop) {
        return false;
      }
      if (line.equals(".")) {
        commands.add(".");
        contents.add(content.toString());
        return reply(out, end, "250 2.0.0 queued as 42");
      }
      content.append(line).append("\r\n");
    }
    return false;
  }

  private boolean reply(OutputStream out, Reply reply, String fallback)
      throws IOException, InterruptedException {
    switch (reply) {
      case null -> write(out, fallback);
      case Reply.Say say -> write(out, say.line());
      case Reply.Hang hang -> {
        closed.await();
        return false;
      }
      case Reply.Drop drop -> {
        return false;
      }
    }
    return true;
  }

  private static void write(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    closed.countDown();
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
