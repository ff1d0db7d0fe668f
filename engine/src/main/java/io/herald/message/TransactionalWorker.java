package io.herald.message;

import io.herald.account.AccountId;
import io.herald.audience.AudienceStore;
import io.herald.audience.ContactKeys;
import io.herald.audience.Suppression;
import io.herald.channel.sms.SubmitOutcome;
import io.herald.delivery.EmailTransport;
import io.herald.delivery.MessageFactory;
import io.herald.delivery.RetryPolicy;
import io.herald.delivery.SendOutcome;
import io.herald.message.TransactionalQueue.Claimed;
import io.herald.message.TransactionalQueue.Item;
import io.herald.webhook.WebhookEvent;
import io.herald.webhook.WebhookEvents;
import io.herald.work.ClaimLoop;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers transactional copies from their own queue, one virtual thread per copy, at most {@code
 * concurrency} at a time (the semaphore is the backpressure: nothing more is claimed than can be
 * sent). Per copy: the message still exists → the recipient is not final yet (a reclaimed duplicate
 * is not sent twice) → not suppressed now (R3, checked at send time: the email address, or the
 * phone of an SMS) → build (footer, headers, VERP, DKIM) and send by SMTP, or submit an SMS through
 * {@link TransactionalSms} → record the state and acknowledge in one step. A deferral goes to the
 * retry schedule of {@link RetryPolicy}; a hard bounce suppresses the address for the account, as
 * for campaigns; an SMS the SMSC accepted is {@code submitted} until its receipt. A frozen
 * account's queue is not read (R8), and a copy claimed before the freeze is held aside, neither
 * sent nor failed, until the account is unfrozen.
 */
public final class TransactionalWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TransactionalWorker.class);

  /**
   * When a held copy of a frozen account is due again: the unfreeze brings it back at once; this
   * only catches a copy held by a node that had not yet seen the unfreeze (its cache).
   */
  static final Duration HOLD_RECHECK = Duration.ofSeconds(30);

  private final TransactionalQueue queue;
  private final MessageStore store;
  private final AudienceStore audience;
  private final TransactionalMail mail;
  private final EmailTransport transport;
  private final RetryPolicy retries;
  private final MessageMetrics metrics;
  private final Clock clock;
  private final RandomGenerator random;
  private final WebhookEvents events;
  private final Predicate<AccountId> frozen;
  private final Optional<TransactionalSms> sms;
  private final String consumer;
  private final Duration reclaimAfter;
  private final ClaimLoop<Claimed> loop;

  /** Everything the worker works with, wired by the composition root. */
  public record Parts(
      TransactionalQueue queue,
      MessageStore store,
      AudienceStore audience,
      TransactionalMail mail,
      EmailTransport transport,
      RetryPolicy retries,
      MessageMetrics metrics,
      Clock clock,
      RandomGenerator random,
      WebhookEvents events,
      Predicate<AccountId> frozen,
      Optional<TransactionalSms> sms) {}

  public TransactionalWorker(Parts parts, String consumer, int concurrency, Duration reclaimAfter) {
    this.queue = parts.queue();
    this.store = parts.store();
    this.audience = parts.audience();
    this.mail = parts.mail();
    this.transport = parts.transport();
    this.retries = parts.retries();
    this.metrics = parts.metrics();
    this.clock = parts.clock();
    this.random = parts.random();
    this.events = parts.events();
    this.frozen = parts.frozen();
    this.sms = parts.sms();
    this.consumer = consumer;
    this.reclaimAfter = reclaimAfter;
    this.loop =
        new ClaimLoop<Claimed>(
            "transactional-" + consumer,
            concurrency,
            new ClaimLoop.Pace(Duration.ofMillis(100), 20),
            new ClaimLoop.Source<Claimed>() {
              @Override
              public List<Claimed> reclaim(int max) {
                return queue.reclaim(consumer, reclaimAfter, max);
              }

              @Override
              public List<Claimed> claim(int max) {
                return queue.claim(consumer, max, clock.instant(), frozen);
              }
            },
            this::deliver,
            c -> "delivering " + c.item());
  }

  /** Copies waiting, in flight or scheduled for a retry, in every account (status and tests). */
  public long backlog() {
    return queue.backlog();
  }

  /** Looks for work at once instead of after the idle pause (a message was just accepted). */
  public void nudge() {
    loop.nudge();
  }

  void deliver(Claimed claimed) {
    Item item = claimed.item();
    Instant now = clock.instant();
    if (frozen.test(item.account())) {
      // R8: kept, neither sent nor failed (claimed before the freeze, or reclaimed since)
      queue.hold(claimed, now.plus(HOLD_RECHECK));
      return;
    }
    Optional<StoredMessage> found = store.find(item.account(), item.message());
    if (found.isEmpty() || item.recipient() >= found.get().recipients().size()) {
      queue.finish(claimed, new DeliveryState.Failed(now, "the message no longer exists"));
      return;
    }
    Optional<DeliveryState> current = store.state(item.account(), item.message(), item.recipient());
    if (current.isPresent() && current.get().isFinal()) {
      queue.finish(claimed, current.get()); // a reclaimed duplicate: only acknowledged
      return;
    }
    StoredMessage message = found.get();
    String address = message.recipients().get(item.recipient());
    String contact =
        message.content() instanceof StoredMessage.Sms
            ? ContactKeys.phone(address)
            : ContactKeys.email(address);
    if (suppressed(item.account(), contact)) {
      record(
          claimed,
          new DeliveryState.Suppressed(now, "the account suppressed this address"),
          address);
      return;
    }
    if (message.content() instanceof StoredMessage.Sms sms) {
      sendSms(claimed, address, sms);
      return;
    }
    MessageFactory.Built built;
    try {
      built = mail.build(item.account(), message, item.recipient());
    } catch (MessageFactory.MessageRefused e) {
      log.warn("message {} recipient {}: {}", item.message(), item.recipient(), e.getMessage());
      record(claimed, new DeliveryState.Failed(now, e.getMessage()), address);
      return;
    }
    send(claimed, message, address, built);
  }

  private void send(
      Claimed claimed, StoredMessage message, String address, MessageFactory.Built built) {
    Item item = claimed.item();
    SendOutcome outcome = transport.send(built.envelope(), built.rfc822());
    Instant now = clock.instant();
    switch (outcome) {
      case SendOutcome.Delivered d -> {
        if (record(claimed, new DeliveryState.Delivered(now, item.attempt(), d.reply()), address)) {
          metrics.delivered(Duration.between(message.createdAt(), now));
        }
      }
      case SendOutcome.Bounced b -> {
        if (b.kind() == SendOutcome.BounceKind.HARD) {
          audience.suppress(
              item.account(),
              new Suppression(
                  ContactKeys.email(address),
                  "hard bounce: " + b.reply() + " (message " + item.message() + ")",
                  now));
        }
        record(
            claimed,
            new DeliveryState.Bounced(now, DeliveryState.Kind.valueOf(b.kind().name()), b.reply()),
            address);
      }
      case SendOutcome.Deferred d ->
          retry(
              claimed,
              address,
              d.reason(),
              d.retryNoSoonerThan(),
              new DeliveryState.Bounced(
                  now, DeliveryState.Kind.SOFT, "retries ran out; last reply: " + d.reason()));
    }
  }

  /**
   * Submits an SMS copy: accepted is {@code submitted} (its receipt decides the rest), deferred
   * goes to the retry schedule, refused fails. A node without SMS defers the copy for one with it.
   */
  private void sendSms(Claimed claimed, String phone, StoredMessage.Sms message) {
    Item item = claimed.item();
    if (sms.isEmpty()) {
      String reason = "SMS is not configured on this node";
      retry(claimed, phone, reason, Duration.ZERO, failed("retries ran out; " + reason));
      return;
    }
    SubmitOutcome outcome;
    try {
      outcome =
          sms.get()
              .submit(
                  new TransactionalSms.Copy(
                      item.account(), item.message(), item.recipient(), phone, message.sender()),
                  message);
    } catch (MessageRefused e) {
      log.warn("message {} recipient {}: {}", item.message(), item.recipient(), e.getMessage());
      record(claimed, failed(e.getMessage()), phone);
      return;
    }
    switch (outcome) {
      case SubmitOutcome.Accepted a ->
          record(
              claimed,
              new DeliveryState.Submitted(clock.instant(), item.attempt(), a.messageIds()),
              phone);
      case SubmitOutcome.Deferred d ->
          retry(
              claimed,
              phone,
              d.reason(),
              d.retryNoSoonerThan(),
              failed("retries ran out; last answer: " + d.reason()));
      case SubmitOutcome.Refused r ->
          record(
              claimed,
              failed(
                  "refused by the SMSC: "
                      + r.reason()
                      + String.format(" (command status 0x%08X)", r.commandStatus())),
              phone);
    }
  }

  private DeliveryState.Failed failed(String reason) {
    return new DeliveryState.Failed(clock.instant(), reason);
  }

  /**
   * Schedules the copy's next try by the retry policy, or records {@code givingUp} when the retries
   * ran out.
   */
  private void retry(
      Claimed claimed,
      String address,
      String reason,
      Duration noSoonerThan,
      DeliveryState givingUp) {
    Item item = claimed.item();
    Instant now = clock.instant();
    Instant due = retries.next(item.attempt(), item.firstQueuedAt(), now, noSoonerThan, random);
    if (due == null) {
      record(claimed, givingUp, address);
      return;
    }
    DeliveryState.Deferred deferred = new DeliveryState.Deferred(now, item.attempt(), due, reason);
    queue.defer(claimed, deferred, item.nextAttempt());
    metrics.outcome("deferred");
    event(item, address, deferred).ifPresent(events::emit);
  }

  private boolean suppressed(AccountId account, String contactKey) {
    return !audience.suppressedAmong(account, List.of(contactKey)).isEmpty();
  }

  /**
   * Records a final state once and acknowledges; counts it, and reports it to webhooks, when it was
   * recorded.
   */
  private boolean record(Claimed claimed, DeliveryState state, String address) {
    boolean recorded = queue.finish(claimed, state);
    if (recorded) {
      metrics.outcome(outcomeName(state));
      event(claimed.item(), address, state).ifPresent(events::emit);
    }
    return recorded;
  }

  /** The webhook event of a state (see {@link MessageEvents}). */
  private static Optional<WebhookEvent> event(Item item, String address, DeliveryState state) {
    return MessageEvents.of(item.account(), item.message(), address, state);
  }

  static String outcomeName(DeliveryState state) {
    return state instanceof DeliveryState.Bounced b
        ? "bounced_" + b.kind().name().toLowerCase(Locale.ROOT)
        : state.name();
  }

  @Override
  public void close() {
    loop.close(Duration.ofMinutes(2));
  }
}
