package io.herald.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A message whose backend call is in progress when the server closes still gets its answer. */
class GracefulCloseTest {

  @TempDir Path certificates;

  /** Accepts everything; {@link #message} waits until the test lets it finish. */
  private static final class SlowBackend implements RelayBackend {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public Optional<java.security.Principal> authenticate(
        String user, String password, ConnectionInfo connection) {
      return Optional.empty();
    }

    @Override
    public Reply mailFrom(Session session, Address sender, Map<String, String> parameters) {
      return Reply.SENDER_OK;
    }

    @Override
    public Reply recipient(Session session, Address recipient) {
      return Reply.RECIPIENT_OK;
    }

    @Override
    public Reply message(Session session, Envelope envelope, MessageBody body) {
      entered.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Reply.TEMPORARY_FAILURE;
      }
      return Reply.QUEUED;
    }
  }

  @Test
  void closeWaitsForTheMessageInProgressAndItsReply() throws Exception {
    SlowBackend backend = new SlowBackend();
    RunningRelay relay = new RunningRelay(RelaySettings.builder(), backend, certificates);
    try (LineClient client = new LineClient(relay.port())) {
      client.reply();
      client.send("EHLO c").reply();
      client.send("MAIL FROM:<a@example.org>").reply();
      client.send("RCPT TO:<b@example.org>").reply();
      assertThat(client.send("DATA").reply()).startsWith("354");
      client.send("Subject: x").send("").send("body").send(".");
      assertThat(backend.entered.await(30, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<Void> closing = CompletableFuture.runAsync(relay::close);
      backend.release.countDown();
      assertThat(client.reply()).isEqualTo("250 2.0.0 Message accepted for delivery");
      closing.get(60, TimeUnit.SECONDS);
      assertThat(client.closedByServer()).isTrue();
    } finally {
      relay.close();
    }
  }
}
