package io.herald.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.testing.Await;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** {@code herald demo --stay}: says where the node serves and waits until it is stopped. */
class DemoStayTest {
  @Test
  void saysWhereTheNodeServesAndHowFarItsClockIsAheadThenWaitsUntilStopped() throws Exception {
    Clock real = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);
    Clock node = Clock.offset(real, Duration.ofHours(6).plusMinutes(3));
    StringWriter printed = new StringWriter();
    DemoStay stay = new DemoStay();
    Thread demo =
        Thread.ofPlatform()
            .start(
                () ->
                    stay.serveUntilInterrupted(
                        new PrintWriter(printed, true),
                        URI.create("http://127.0.0.1:8123"),
                        OptionalInt.of(9321),
                        node,
                        real));
    Await.until(printed::toString, s -> s.contains("metrics"));
    assertThat(demo.isAlive()).as("it waits to be stopped").isTrue();

    demo.interrupt();
    demo.join(Duration.ofSeconds(10));
    stay.close();

    assertThat(demo.isAlive()).isFalse();
    assertThat(printed.toString())
        .contains("Ctrl-C")
        .contains("pages: http://127.0.0.1:8123/app")
        .contains("API: http://127.0.0.1:8123/api/")
        .contains("metrics: http://127.0.0.1:9321/metrics")
        .contains("6 h 3 min ahead of real time");
  }
}
