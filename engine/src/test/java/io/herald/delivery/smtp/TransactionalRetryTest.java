package io.herald.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.account.Account;
import io.herald.config.HeraldConfig;
import io.herald.message.DeliveryState;
import io.herald.message.MessageRequest;
import io.herald.message.MessageStatus;
import io.herald.message.Messages;
import io.herald.testing.Await;
import io.herald.testing.MutableClock;
import io.herald.testing.TestNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transactional copies against a fault-injecting SMTP peer (in this package for {@link
 * ScriptedSmtpPeer}): a temporary failure is deferred with its next try in the status and delivered
 * once the clock reaches it; a hard bounce suppresses the address for the account, and the next
 * message to it is not sent.
 */
class TransactionalRetryTest {
  @TempDir Path data;
  final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));

  private TestNode nodeTalkingTo(ScriptedSmtpPeer peer) throws Exception {
    HeraldConfig base = TestNode.config(data);
    return TestNode.start(
        base.withDelivery(base.delivery().withSmarthost("127.0.0.1", peer.port())), clock);
  }

  private static MessageRequest.Composed to(String address) {
    return new MessageRequest.Composed(
        List.of(address),
        "alerts@bank.example",
        "Bank",
        Optional.empty(),
        new MessageRequest.Body.Inline(
            "Sign-in alert", Optional.empty(), Optional.of("New sign-in.")));
  }

  private static MessageStatus awaitState(
      Messages messages, Account account, MessageStatus status, Class<?> state) throws Exception {
    return Await.until(
        () -> messages.status(account.id(), status.id()).orElseThrow(),
        s -> state.isInstance(s.recipients().getFirst().state()));
  }

  @Test
  void aTemporaryFailureIsDeferredThenDeliveredWhenDue() throws Exception {
    AtomicInteger contents = new AtomicInteger();
    Function<String, ScriptedSmtpPeer.Reply> script =
        line ->
            line.equals(".") && contents.incrementAndGet() == 1
                ? ScriptedSmtpPeer.say("451 4.3.0 local error")
                : null;
    try (ScriptedSmtpPeer peer = new ScriptedSmtpPeer(script);
        TestNode node = nodeTalkingTo(peer)) {
      Messages messages = node.node().messages();
      Account account = node.node().accounts().create("Bank").account();
      TestNode.attestDomain(node.node(), account.id(), "bank.example");
      var id = messages.submit(account, to("ann@example.org"), Optional.empty()).id();
      MessageStatus queued = messages.status(account.id(), id).orElseThrow();

      MessageStatus deferred = awaitState(messages, account, queued, DeliveryState.Deferred.class);
      DeliveryState.Deferred state =
          (DeliveryState.Deferred) deferred.recipients().getFirst().state();
      assertThat(state.attempts()).isEqualTo(1);
      assertThat(state.reason()).contains("451 4.3.0");
      assertThat(state.nextTry())
          .isAfter(clock.instant())
          .isBefore(clock.instant().plusSeconds(90));
      assertThat(deferred.overall()).isEqualTo("deferred");

      clock.advance(Duration.ofMinutes(2));
      MessageStatus delivered =
          awaitState(messages, account, queued, DeliveryState.Delivered.class);
      assertThat(((DeliveryState.Delivered) delivered.recipients().getFirst().state()).attempts())
          .isEqualTo(2);
      assertThat(peer.commands().stream().filter(c -> c.equals("."))).hasSize(2);
    }
  }

  @Test
  void aHardBounceSuppressesTheAddressAndTheNextMessageIsNotSent() throws Exception {
    Function<String, ScriptedSmtpPeer.Reply> script =
        line -> line.contains("gone@") ? ScriptedSmtpPeer.say("550 5.1.1 no such user") : null;
    try (ScriptedSmtpPeer peer = new ScriptedSmtpPeer(script);
        TestNode node = nodeTalkingTo(peer)) {
      Messages messages = node.node().messages();
      Account account = node.node().accounts().create("Bank").account();
      TestNode.attestDomain(node.node(), account.id(), "bank.example");
      var first = messages.submit(account, to("gone@example.org"), Optional.empty()).id();
      MessageStatus bounced =
          awaitState(
              messages,
              account,
              messages.status(account.id(), first).orElseThrow(),
              DeliveryState.Bounced.class);
      DeliveryState.Bounced state = (DeliveryState.Bounced) bounced.recipients().getFirst().state();
      assertThat(state.kind()).isEqualTo(DeliveryState.Kind.HARD);
      assertThat(state.reply()).isEqualTo("550 5.1.1 no such user");
      assertThat(messages.isSuppressed(account.id(), "Gone@example.org")).isTrue();

      int rcptsBefore = rcptsTo(peer, "gone@");
      var second = messages.submit(account, to("gone@example.org"), Optional.empty()).id();
      MessageStatus suppressed =
          awaitState(
              messages,
              account,
              messages.status(account.id(), second).orElseThrow(),
              DeliveryState.Suppressed.class);
      assertThat(suppressed.overall()).isEqualTo("suppressed");
      assertThat(rcptsTo(peer, "gone@")).isEqualTo(rcptsBefore);
    }
  }

  private static int rcptsTo(ScriptedSmtpPeer peer, String prefix) {
    return (int) peer.commands().stream().filter(c -> c.startsWith("RCPT TO:<" + prefix)).count();
  }
}
