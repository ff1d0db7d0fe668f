package io.herald.cli;

import io.herald.app.HeraldNode;
import io.herald.channel.viber.sim.ViberSimulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code herald viber …}: Viber tools; {@code simulator} runs the provider's simulator. */
@Command(
    name = "viber",
    description = "Viber tools.",
    subcommands = {ViberCommand.Simulator.class})
final class ViberCommand {
  @ParentCommand HeraldCli cli;

  /**
   * {@code herald viber simulator}: the Vonage Messages API simulator of the tests on 127.0.0.1
   * (docs/viber.md says what it does with each number). It prints {@code ready port=N}, then runs
   * until a line {@code stop} (or the end of input) on stdin, and says what it received. Not a
   * provider to rely on: it delivers nothing.
   */
  @Command(
      name = "simulator",
      description = "Run a Viber provider (Vonage Messages API) simulator on 127.0.0.1.")
  static final class Simulator implements Callable<Integer> {
    static final String DEFAULT_SECRET = "herald-simulator-signature";

    @ParentCommand ViberCommand parent;

    @Option(names = "--callback", paramLabel = "URL", description = "where status callbacks go")
    String callback;

    @Option(
        names = "--secret",
        paramLabel = "S",
        defaultValue = DEFAULT_SECRET,
        description = "the signature secret callbacks are signed with (default ${DEFAULT-VALUE})")
    String secret;

    @Option(names = "--api-key", paramLabel = "KEY", defaultValue = "herald")
    String apiKey;

    @Option(names = "--api-secret", paramLabel = "SECRET", defaultValue = "herald")
    String apiSecret;

    @Option(names = "--duplicates", description = "send every callback twice")
    boolean duplicates;

    @Option(names = "--seen-before-delivered", description = "send read before delivered")
    boolean seenBeforeDelivered;

    @Option(
        names = "--callback-delay",
        paramLabel = "MILLIS",
        defaultValue = "0",
        description = "delay before the first status of a message")
    long callbackDelayMillis;

    @Option(
        names = "--expiry-delay",
        paramLabel = "MILLIS",
        defaultValue = "2000",
        description = "when a message to a number ending in 8 expires")
    long expiryDelayMillis;

    @Override
    public Integer call() throws IOException {
      HeraldCli cli = parent.cli;
      Optional<URI> url;
      try {
        url = Optional.ofNullable(callback).map(Simulator::httpUrl);
      } catch (IllegalArgumentException e) {
        cli.err().println("herald: --callback: " + e.getMessage());
        return HeraldCli.EXIT_BAD_INPUT;
      }
      if (callbackDelayMillis < 0 || expiryDelayMillis < 0) {
        cli.err().println("herald: delays are milliseconds, 0 or more");
        return HeraldCli.EXIT_BAD_INPUT;
      }
      try (ViberSimulator sim =
          new ViberSimulator(
              apiKey, apiSecret, secret, url, HeraldNode.objectMapper(), Clock.systemUTC())) {
        sim.duplicates(duplicates)
            .seenBeforeDelivered(seenBeforeDelivered)
            .callbackDelay(Duration.ofMillis(callbackDelayMillis))
            .expiryDelay(Duration.ofMillis(expiryDelayMillis));
        cli.out().println("ready port=" + sim.port());
        BufferedReader in =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine();
            line != null && !line.strip().equals("stop");
            line = in.readLine()) {
          // Anything but "stop" is ignored: the simulator is driven through its HTTP contract.
        }
        cli.err()
            .println(
                "herald: Viber simulator received "
                    + sim.received().size()
                    + " messages, "
                    + sim.callbacksSent()
                    + " callbacks sent, "
                    + sim.callbacksFailed()
                    + " failed");
      }
      return HeraldCli.EXIT_OK;
    }

    private static URI httpUrl(String text) {
      URI uri;
      try {
        uri = URI.create(text);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("not a URL: " + text);
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new IllegalArgumentException("expected an absolute http(s) URL, got " + text);
      }
      return uri;
    }
  }
}
