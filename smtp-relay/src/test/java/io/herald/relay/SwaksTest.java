package io.herald.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * swaks, the Swiss army knife for SMTP, against a real relay on loopback. Skipped only when swaks
 * is not installed locally; CI installs it ({@code .ci/run}).
 */
class SwaksTest {

  private static final long HANG_GUARD_SECONDS = 60;

  @TempDir Path certificates;
  private final TestBackend backend = new TestBackend();

  @BeforeAll
  static void swaksIsInstalled() {
    assumeTrue(
        swaks().isPresent(),
        "swaks is not installed here (apt-get install swaks); CI installs it, so this is skipped"
            + " locally only");
  }

  private static java.util.Optional<Path> swaks() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "swaks");
      if (Files.isExecutable(candidate)) {
        return java.util.Optional.of(candidate);
      }
    }
    return java.util.Optional.empty();
  }

  /** Runs swaks to completion and returns its exit code and transcript. */
  private record Run(int exitCode, String transcript) {}

  private Run swaks(int port, String... options) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(swaks().orElseThrow().toString());
    command.addAll(
        List.of(
            "--server",
            "127.0.0.1",
            "--port",
            Integer.toString(port),
            "--helo",
            "swaks.test",
            "--from",
            "alice@example.org",
            "--timeout",
            "30"));
    command.addAll(List.of(options));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(HANG_GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  @Test
  void startTlsAndAuthPlain() throws Exception {
    Run run;
    try (RunningRelay relay = new RunningRelay(RelaySettings.builder(), backend, certificates)) {
      run =
          swaks(
              relay.port(),
              "--to",
              "bob@elsewhere.example",
              "--tls",
              "--auth",
              "PLAIN",
              "--auth-user",
              TestBackend.USER,
              "--auth-password",
              TestBackend.PASSWORD,
              "--header",
              "Subject: via swaks");
    }
    assertThat(run.exitCode()).as(run.transcript()).isZero();
    assertThat(run.transcript())
        .contains("<-  220 2.0.0 Ready to start TLS")
        .contains("=== TLS started")
        .contains(" ~> AUTH PLAIN ")
        .contains("<~  235 2.7.0 Authentication successful")
        .contains("<~  250 2.0.0 Message accepted for delivery");
    TestBackend.Received received = backend.messages().getFirst();
    assertThat(received.session().tlsActive()).isTrue();
    assertThat(received.session().heloName()).isEqualTo("swaks.test");
    assertThat(received.content()).contains("Subject: via swaks");
  }

  @Test
  void pipelinedTransaction() throws Exception {
    Run run;
    try (RunningRelay relay = new RunningRelay(RelaySettings.builder(), backend, certificates)) {
      run =
          swaks(
              relay.port(),
              "--to",
              "a@herald.test,b@herald.test,c@elsewhere.example",
              "--pipeline");
    }
    assertThat(run.exitCode()).as(run.transcript()).isZero();
    assertThat(run.transcript())
        .contains("<-  250-PIPELINING")
        // All commands went out before the first reply came back: real pipelining.
        .containsSubsequence(" -> DATA", "<-  250 2.1.0 Sender OK")
        .contains("<** 550 5.7.1 Relaying denied")
        .contains("<-  250 2.0.0 Message accepted for delivery");
    assertThat(backend.messages().getFirst().envelope().recipients())
        .extracting(Address::mailbox)
        .containsExactly("a@herald.test", "b@herald.test");
  }
}
