package io.herald.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code herald viber simulator}: ready on a port, speaking the provider's HTTP, until "stop". */
class ViberSimulatorCliTest {

  @Test
  void itRunsUntilStdinSaysStop() throws Exception {
    InputStream stdin = System.in;
    PipedOutputStream commands = new PipedOutputStream();
    PipedInputStream out = new PipedInputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream stdout = new PrintStream(new PipedOutputStream(out), true, "UTF-8")) {
      System.setIn(new PipedInputStream(commands));
      CompletableFuture<Integer> exit =
          CompletableFuture.supplyAsync(
              () ->
                  HeraldCli.run(
                      Map.of(),
                      stdout,
                      new PrintStream(err),
                      "viber",
                      "simulator",
                      "--secret",
                      "s"));
      String ready =
          new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8)).readLine();
      assertThat(ready).matches("ready port=[0-9]+");
      int port = Integer.parseInt(ready.substring("ready port=".length()));
      try (HttpClient http = HttpClient.newHttpClient()) {
        HttpResponse<String> answer =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/messages"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(401); // no credentials: the contract's answer
      }
      commands.write("stop\n".getBytes(StandardCharsets.UTF_8));
      commands.flush();
      assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
      assertThat(err.toString(StandardCharsets.UTF_8)).contains("received 0 messages");
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  void aBadCallbackUrlIsABadInput() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        HeraldCli.run(
            Map.of(),
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err),
            "viber",
            "simulator",
            "--callback",
            "ftp://example");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).strip())
        .isEqualTo("herald: --callback: expected an absolute http(s) URL, got ftp://example");
  }
}
