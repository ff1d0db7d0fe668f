package io.herald.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * A small authoritative DNS server for tests: real UDP on a loopback port the OS picks, answering
 * TXT questions from the records a test publishes (dnsjava's {@link Message} on the wire), NXDOMAIN
 * for names it has nothing for. Herald's verification asks it as it would ask any server.
 */
public final class TestDns implements AutoCloseable {
  private final DatagramSocket socket;
  private final Map<String, List<String>> txt = new ConcurrentHashMap<>();
  private final Thread thread;

  public TestDns() throws SocketException {
    socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    thread = Thread.ofVirtual().start(this::serve);
  }

  /** {@code 127.0.0.1:port}: the value of {@code delivery.verificationDnsServer}. */
  public String address() {
    return socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
  }

  /** Publishes a TXT record (one more string at that name). */
  public void publishTxt(String name, String value) {
    txt.computeIfAbsent(key(name), k -> new CopyOnWriteArrayList<>()).add(value);
  }

  /** Removes every TXT record at a name. */
  public void clear(String name) {
    txt.remove(key(name));
  }

  private static String key(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower : lower + ".";
  }

  private void serve() {
    byte[] buffer = new byte[512];
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
        byte[] answer = answer(new Message(java.util.Arrays.copyOf(buffer, packet.getLength())));
        socket.send(
            new DatagramPacket(answer, answer.length, packet.getAddress(), packet.getPort()));
      } catch (IOException e) {
        // closed, or a malformed query: nothing to answer
      }
    }
  }

  private byte[] answer(Message query) {
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setFlag(Flags.AA);
    Record question = query.getQuestion();
    response.addRecord(question, Section.QUESTION);
    Name name = question.getName();
    List<String> values = txt.get(name.toString().toLowerCase(Locale.ROOT));
    if (values == null) {
      response.getHeader().setRcode(Rcode.NXDOMAIN);
    } else if (question.getType() == Type.TXT) {
      for (String value : values) {
        response.addRecord(new TXTRecord(name, DClass.IN, 60, chunks(value)), Section.ANSWER);
      }
    }
    return response.toWire(512);
  }

  /** A TXT value in strings of at most 255 characters, as DNS carries them. */
  private static List<String> chunks(String value) {
    List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < value.length(); i += 255) {
      out.add(value.substring(i, Math.min(value.length(), i + 255)));
    }
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    socket.close();
    thread.join();
  }
}
