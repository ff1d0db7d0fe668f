package io.herald.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.delivery.smtp.MxResolver.MxAnswer;
import io.herald.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class MxCacheTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
  private final ScriptedResolver dns = new ScriptedResolver();
  private final MxCache cache =
      new MxCache(dns, clock, Duration.ofSeconds(60), Duration.ofHours(1), 1000);

  @Test
  void keepsAnAnswerForItsTtl() {
    dns.next(hosts("mx1.example.test", Duration.ofMinutes(5)));
    dns.next(hosts("mx2.example.test", Duration.ofMinutes(5)));
    assertThat(cache.resolve("example.test"))
        .isEqualTo(hosts("mx1.example.test", Duration.ofMinutes(5)));
    clock.advance(Duration.ofMinutes(4));
    assertThat(cache.resolve("example.test"))
        .isEqualTo(hosts("mx1.example.test", Duration.ofMinutes(5)));
    clock.advance(Duration.ofMinutes(1));
    assertThat(cache.resolve("example.test"))
        .isEqualTo(hosts("mx2.example.test", Duration.ofMinutes(5)));
    assertThat(dns.asked).containsExactly("example.test", "example.test");
  }

  @Test
  void clampsTinyAndHugeTtls() {
    dns.next(hosts("a.test", Duration.ZERO));
    dns.next(hosts("b.test", Duration.ofDays(7)));
    cache.resolve("zero.test");
    cache.resolve("week.test");
    clock.advance(Duration.ofSeconds(59));
    cache.resolve("zero.test");
    assertThat(dns.asked).hasSize(2);
    clock.advance(Duration.ofHours(1));
    dns.next(hosts("a.test", Duration.ZERO));
    dns.next(hosts("b.test", Duration.ZERO));
    cache.resolve("zero.test");
    cache.resolve("week.test");
    assertThat(dns.asked).hasSize(4);
  }

  @Test
  void remembersNegativeAnswersButNotTemporaryFailures() {
    dns.next(new MxAnswer.TemporaryFailure("SERVFAIL"));
    dns.next(new MxAnswer.NullMx(Duration.ofMinutes(10)));
    assertThat(cache.resolve("flaky.test")).isInstanceOf(MxAnswer.TemporaryFailure.class);
    assertThat(cache.resolve("flaky.test")).isInstanceOf(MxAnswer.NullMx.class);
    assertThat(cache.resolve("flaky.test")).isInstanceOf(MxAnswer.NullMx.class);
    assertThat(dns.asked).hasSize(2);
  }

  private static MxAnswer hosts(String host, Duration ttl) {
    return new MxAnswer.Hosts(List.of(new HostPort(host, 25)), ttl);
  }

  /** Answers lookups from a queue and records what was asked. */
  static final class ScriptedResolver implements MxResolver {
    final Deque<MxAnswer> answers = new ArrayDeque<>();
    final List<String> asked = new ArrayList<>();

    void next(MxAnswer answer) {
      answers.add(answer);
    }

    @Override
    public synchronized MxAnswer lookup(String domain) {
      asked.add(domain);
      return answers.isEmpty()
          ? new MxAnswer.TemporaryFailure("no answer scripted")
          : answers.poll();
    }
  }
}
