package io.herald.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the Redis server did, read with {@code INFO commandstats} and {@code INFO cpu} over a plain
 * socket (RESP, so nothing of Herald's client is measured): the calls of each command and the
 * server's CPU seconds. Two snapshots around a measured step say how many Redis commands it took
 * per message and how much CPU the server spent, which Herald's JVM figures do not include.
 */
record RedisStats(Map<String, Long> calls, Map<String, Long> usec, double cpuSeconds) {
  static RedisStats read(String redisUri) throws IOException {
    URI uri = URI.create(redisUri);
    String password = uri.getUserInfo() == null ? "" : uri.getUserInfo().replaceFirst("^:", "");
    try (Socket socket = new Socket(uri.getHost(), uri.getPort());
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
      OutputStream out = socket.getOutputStream();
      if (!password.isEmpty()) {
        out.write(("AUTH " + password + "\r\n").getBytes(StandardCharsets.UTF_8));
        in.readLine();
      }
      Map<String, Long> calls = new TreeMap<>();
      Map<String, Long> usec = new TreeMap<>();
      for (String line : info(out, in, "commandstats").split("\r\n")) {
        // cmdstat_hset:calls=12,usec=…
        if (line.startsWith("cmdstat_")) {
          String name = line.substring("cmdstat_".length(), line.indexOf(':'));
          String rest = line.substring(line.indexOf("calls=") + "calls=".length());
          calls.put(name, Long.parseLong(rest.substring(0, rest.indexOf(','))));
          String time = line.substring(line.indexOf("usec=") + "usec=".length());
          usec.put(name, Long.parseLong(time.substring(0, time.indexOf(','))));
        }
      }
      double cpu = 0;
      for (String line : info(out, in, "cpu").split("\r\n")) {
        if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
          cpu += Double.parseDouble(line.substring(line.indexOf(':') + 1));
        }
      }
      return new RedisStats(calls, usec, cpu);
    }
  }

  /** One INFO section's text (a RESP bulk string). */
  private static String info(OutputStream out, BufferedReader in, String section)
      throws IOException {
    out.write(("INFO " + section + "\r\n").getBytes(StandardCharsets.UTF_8));
    String header = in.readLine(); // $LENGTH
    char[] body = new char[Integer.parseInt(header.substring(1))];
    int read = 0;
    while (read < body.length) {
      read += in.read(body, read, body.length - read);
    }
    in.readLine(); // the CRLF after the bulk string
    return new String(body);
  }

  /**
   * Commands per message between two snapshots, the most called first, e.g. "8.1 (evalsha 3.0…)".
   */
  static String perMessage(RedisStats before, RedisStats after, long messages) {
    Map<String, Long> delta = new TreeMap<>();
    after.calls.forEach((name, n) -> delta.put(name, n - before.calls.getOrDefault(name, 0L)));
    long total = delta.values().stream().mapToLong(Long::longValue).sum();
    String top =
        delta.entrySet().stream()
            .filter(e -> e.getValue() > 0)
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .limit(8)
            .map(e -> "%s %.2f".formatted(e.getKey(), (double) e.getValue() / messages))
            .collect(Collectors.joining(", "));
    // A script's time includes its commands' (also counted on their own).
    String slowest =
        after.usec.entrySet().stream()
            .map(
                e -> Map.entry(e.getKey(), e.getValue() - before.usec.getOrDefault(e.getKey(), 0L)))
            .filter(e -> e.getValue() > 0)
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .limit(6)
            .map(e -> "%s %.1f".formatted(e.getKey(), (double) e.getValue() / messages))
            .collect(Collectors.joining(", "));
    return "%.1f (%s) usec_per_sms (%s)".formatted((double) total / messages, top, slowest);
  }
}
