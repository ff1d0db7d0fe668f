package io.herald.cli;

import io.herald.app.HeraldNode;
import io.herald.config.ConfigException;
import io.herald.config.HeraldConfig;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code herald serve}: runs a node until it is stopped (SIGTERM or Ctrl-C). */
@Command(name = "serve", description = "Run the Herald server (HTTP API) until stopped.")
final class ServeCommand implements Callable<Integer> {
  @ParentCommand HeraldCli cli;
  @Mixin ServerOptions options;

  @Override
  public Integer call() throws Exception {
    HeraldConfig config;
    try {
      config = options.load(cli.env());
    } catch (ConfigException e) {
      cli.err().println("herald: " + e.getMessage());
      return HeraldCli.EXIT_BAD_INPUT;
    }
    HeraldNode node =
        HeraldNode.start(
            config, Optional.ofNullable(cli.env().get("HERALD_ADMIN_TOKEN")), Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  node.close();
                  stopped.countDown();
                }));
    cli.err().println("herald: serving HTTP on port " + node.httpPort());
    cli.err().println("herald: SMTP relay on port " + node.relayPort());
    node.metricsPort()
        .ifPresent(port -> cli.err().println("herald: Prometheus metrics on port " + port));
    node.adminToken()
        .file()
        .ifPresent(
            f -> cli.err().println("herald: admin token in " + f.toAbsolutePath().normalize()));
    stopped.await();
    return HeraldCli.EXIT_OK;
  }
}
