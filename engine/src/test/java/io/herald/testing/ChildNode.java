package io.herald.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code herald serve} in a JVM of its own, so that a test can kill it with SIGKILL: no shutdown
 * hook runs, nothing is acknowledged or flushed. It listens on loopback, on ports it picks (HTTP
 * and relay port 0), and says which in its log; the caller's environment adds Redis, delivery and
 * the like.
 */
public final class ChildNode implements AutoCloseable {
  private static final Pattern HTTP = Pattern.compile("serving HTTP on port (\\d+)");
  private static final Pattern RELAY = Pattern.compile("SMTP relay on port (\\d+)");

  private final Process process;
  private final Path log;

  private ChildNode(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code herald serve} with the admin token of {@link TestNode} and {@code env}. */
  public static ChildNode serve(Path dataDir, Map<String, String> env) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder =
        new ProcessBuilder(
            java,
            "--sun-misc-unsafe-memory-access=allow",
            "-cp",
            System.getProperty("java.class.path"),
            "io.herald.cli.HeraldCli",
            "serve");
    Map<String, String> environment = builder.environment();
    environment.put("HERALD_DATA_DIR", dataDir.toString());
    environment.put("HERALD_HTTP_HOST", "127.0.0.1");
    environment.put("HERALD_HTTP_PORT", "0");
    environment.put("HERALD_RELAY_HOST", "127.0.0.1");
    environment.put("HERALD_RELAY_PORT", "0");
    // No fixed port: another Herald on this machine (a developer's, the smoke test's) may hold it.
    environment.put("HERALD_METRICS_PORT", "0");
    environment.put("HERALD_ADMIN_TOKEN", TestNode.ADMIN_TOKEN);
    // As TestNode: quotas (R9) out of the way of tests about other things.
    environment.put("HERALD_POLICY_PLANS_FREE_MESSAGES", "1000000000");
    environment.put("HERALD_POLICY_PLANS_FREE_SUBSCRIBERS", "1000000000");
    environment.putAll(env);
    Path log = dataDir.resolve("node.log");
    builder.redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    return new ChildNode(builder.start(), log);
  }

  /** The HTTP port, once the node says it serves (bounded wait; fails if the JVM exited). */
  public int httpPort() throws Exception {
    return port(HTTP);
  }

  /** The SMTP relay's port, once the node says it listens. */
  public int relayPort() throws Exception {
    return port(RELAY);
  }

  public String baseUrl() throws Exception {
    return "http://127.0.0.1:" + httpPort();
  }

  /** SIGKILL, and waits for the process to be gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      throw new AssertionError("the node's JVM did not die within 10 s of SIGKILL");
    }
  }

  private int port(Pattern line) throws Exception {
    String text =
        Await.until(
            () -> {
              String now = Files.exists(log) ? Files.readString(log) : "";
              if (!process.isAlive() && !line.matcher(now).find()) {
                throw new AssertionError("the node's JVM exited: " + now);
              }
              return now;
            },
            t -> line.matcher(t).find());
    Matcher m = line.matcher(text);
    m.find();
    return Integer.parseInt(m.group(1));
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
