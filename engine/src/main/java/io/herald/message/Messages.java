package io.herald.message;

import io.herald.account.Account;
import io.herald.account.AccountId;
import io.herald.account.SenderDomains;
import io.herald.audience.AudienceStore;
import io.herald.audience.ContactKeys;
import io.herald.audience.Suppression;
import io.herald.channel.sms.DeliveryReceipt;
import io.herald.channel.sms.SmsPreview;
import io.herald.feedback.FeedbackReport;
import io.herald.feedback.MessageRef;
import io.herald.message.MessageRefused.Reason;
import io.herald.webhook.EventType;
import io.herald.webhook.WebhookEvent;
import io.herald.webhook.WebhookEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Transactional messages: what the HTTP API ({@code POST /api/messages}, email or SMS) and the SMTP
 * relay hand to Herald one at a time, as opposed to campaigns. {@link #submit} validates a message,
 * renders a stored template, and writes the message and one work item per recipient durably (one
 * Redis script) before it returns, so the relay may answer {@code 250} and the API {@code 202} only
 * then. An Idempotency-Key makes a retried submit return the first message's id and send nothing
 * new. The {@link TransactionalWorker} delivers; {@link #status} shows each recipient's state.
 * Thread-safe.
 */
public final class Messages {
  private final MessageStore store;
  private final AudienceStore audience;
  private final TransactionalMail mail;
  private final MessageChecks checks;
  private final Limits limits;
  private final MessageMetrics metrics;
  private final Runnable queued;
  private final Clock clock;
  private final RandomGenerator random;
  private final WebhookEvents events;
  private final SenderDomains senders;
  private final Optional<TransactionalSms> sms;
  private final SmsReceipts receipts;
  private final MessageQuota quota;

  /**
   * What the service works with, wired by the composition root; {@code sms} is empty when SMS is
   * not configured (an SMS is then refused).
   */
  public record Parts(
      MessageStore store,
      AudienceStore audience,
      TransactionalMail mail,
      MessageMetrics metrics,
      Runnable queued,
      Clock clock,
      RandomGenerator random,
      WebhookEvents events,
      SenderDomains senders,
      Optional<TransactionalSms> sms) {}

  /**
   * @param platformDomain Herald's own mail domain, which no message may be sent from (R5)
   */
  public Messages(Parts parts, Limits limits, Optional<String> platformDomain) {
    this(parts, limits, platformDomain, MessageQuota.UNLIMITED);
  }

  /** {@code quota}: counts each accepted message against the account's plan (R9). */
  public Messages(Parts parts, Limits limits, Optional<String> platformDomain, MessageQuota quota) {
    this.quota = quota;
    this.store = parts.store();
    this.audience = parts.audience();
    this.mail = parts.mail();
    this.metrics = parts.metrics();
    this.queued = parts.queued();
    this.clock = parts.clock();
    this.random = parts.random();
    this.events = parts.events();
    this.senders = parts.senders();
    this.sms = parts.sms();
    this.receipts = new SmsReceipts(parts.store(), parts.metrics());
    this.limits = limits;
    this.checks = new MessageChecks(limits, platformDomain);
  }

  public Limits limits() {
    return limits;
  }

  /**
   * Validates, stores and queues a message; returns only once it is durable. With an {@code
   * idempotencyKey} already used by this account within {@link Limits#idempotencyWindow()}: the
   * same request returns the first message's id ({@code replayed}), a different one is refused
   * ({@link Reason#IDEMPOTENCY_MISMATCH}). Concurrent submits with one key create one message.
   *
   * @throws MessageRefused when the message is not acceptable; nothing was written
   */
  public Submitted submit(Account account, MessageRequest request, Optional<String> idempotencyKey)
      throws MessageRefused {
    Optional<MessageStore.Idempotency> idempotency = Optional.empty();
    if (idempotencyKey.isPresent()) {
      idempotency =
          Optional.of(
              new MessageStore.Idempotency(
                  Fingerprint.ofKey(MessageChecks.idempotencyKey(idempotencyKey.get())),
                  Fingerprint.of(request),
                  limits.idempotencyWindow()));
    }
    StoredMessage message = prepare(account.id(), request);
    // Counted before it is stored, so nothing past the quota is ever queued; a replay or a
    // failure gives it back.
    Runnable giveBack = quota.take(account.id(), units(message));
    MessageStore.Created created;
    try {
      created = store.create(account.id(), message, idempotency, limits.retention());
    } catch (RuntimeException e) {
      giveBack.run();
      throw e;
    }
    if (!(created instanceof MessageStore.Created.Fresh)) {
      giveBack.run();
    }
    return switch (created) {
      case MessageStore.Created.Fresh f -> {
        metrics.submitted(message.source(), false, message.recipients().size());
        queued.run(); // this node's worker looks at once instead of at its next poll
        yield new Submitted(f.id(), false);
      }
      case MessageStore.Created.Replayed r -> {
        metrics.submitted(message.source(), true, 0);
        yield new Submitted(r.id(), true);
      }
      case MessageStore.Created.Mismatch m ->
          throw new MessageRefused(
              Reason.IDEMPOTENCY_MISMATCH,
              "this Idempotency-Key was used for a different request (message "
                  + m.id()
                  + "); use a new key for a new message");
    };
  }

  /** What the message costs in the quota: 1 per recipient, an SMS its parts per recipient. */
  private long units(StoredMessage message) throws MessageRefused {
    long each =
        message.content() instanceof StoredMessage.Sms s ? sms().preview(s.text()).parts() : 1;
    return each * message.recipients().size();
  }

  private StoredMessage prepare(AccountId account, MessageRequest request) throws MessageRefused {
    MessageId id = MessageId.random(random);
    Instant now = clock.instant();
    return switch (request) {
      case MessageRequest.Composed c -> {
        List<String> to = checks.recipients(c.to(), "recipient");
        String from = verified(account, checks.sender(c.fromAddress(), "from"));
        String fromName =
            MessageChecks.singleLine(c.fromName(), "sender name", Limits.MAX_NAME, false);
        Optional<String> replyTo = Optional.empty();
        if (c.replyTo().isPresent()) {
          replyTo = Optional.of(MessageChecks.address(c.replyTo().get(), "reply-to"));
        }
        MessageRequest.Body.Inline inline = inline(account, c.body());
        String subject =
            MessageChecks.singleLine(inline.subject(), "subject", Limits.MAX_SUBJECT, true);
        Optional<String> html = checks.body(inline.html(), "html");
        Optional<String> text = checks.body(inline.text(), "text");
        if (html.isEmpty() && text.isEmpty()) {
          throw new MessageRefused(Reason.INVALID_MESSAGE, "an html or a text body is required");
        }
        yield new StoredMessage(
            id,
            now,
            to,
            new StoredMessage.Composed(from, fromName, replyTo, to, subject, html, text));
      }
      case MessageRequest.Sms s -> {
        TransactionalSms channel = sms();
        List<String> to = channel.recipients(s.to(), limits.maxRecipients());
        yield new StoredMessage(id, now, to, channel.content(s.from(), s.text()));
      }
      case MessageRequest.Raw r -> {
        if (r.rfc822().length > limits.maxRawWithTrace()) {
          throw new MessageRefused(
              Reason.TOO_LARGE, "the message is larger than " + limits.maxRawBytes() + " bytes");
        }
        List<String> to = checks.recipients(r.recipients(), "recipient");
        String envelope =
            r.envelopeSender().isEmpty()
                ? ""
                : verified(account, MessageChecks.address(r.envelopeSender(), "envelope sender"));
        TransactionalMail.Inspected inspected = mail.inspect(r.rfc822());
        String from = verified(account, checks.sender(inspected.fromAddress(), "From header"));
        yield new StoredMessage(
            id, now, to, new StoredMessage.Raw(envelope, from, inspected.subject(), r.rfc822()));
      }
    };
  }

  private TransactionalSms sms() throws MessageRefused {
    return sms.orElseThrow(
        () ->
            new MessageRefused(Reason.CHANNEL_UNAVAILABLE, "SMS is not configured on this server"));
  }

  /**
   * How {@code text} would go out as SMS (encoding, characters, parts); refused when SMS is not
   * configured or the text would not be accepted.
   */
  public SmsPreview previewSms(String text) throws MessageRefused {
    return sms().preview(text);
  }

  /**
   * Applies an SMS's decided delivery receipt to recipient number {@code recipient} of message
   * {@code id}: {@code submitted} (or a copy not final yet, when the receipt overtook the worker)
   * becomes delivered, undeliverable, expired, rejected or unknown. Idempotent: false, and nothing
   * changes, when the recipient already has its final state (a receipt that came twice), the
   * receipt is interim, or there is no such message or recipient. The caller reports the outcome to
   * webhooks ({@code delivered} / {@code failed}) when this returns true.
   */
  public boolean recordReceipt(
      AccountId account, MessageId id, int recipient, DeliveryReceipt receipt) {
    return receipts.record(account, id, recipient, receipt);
  }

  /** The sender address, when it is on a verified sending domain of the account (R5). */
  private String verified(AccountId account, String address) throws MessageRefused {
    Optional<String> refusal = senders.refusal(account, address);
    if (refusal.isPresent()) {
      throw new MessageRefused(Reason.UNVERIFIED_SENDER, refusal.get());
    }
    return address;
  }

  /** Inline bodies as given; a template rendered now with the message's data. */
  private MessageRequest.Body.Inline inline(AccountId account, MessageRequest.Body body)
      throws MessageRefused {
    return switch (body) {
      case MessageRequest.Body.Inline i -> i;
      case MessageRequest.Body.Template t -> {
        String name = MessageChecks.templateName(t.name());
        StoredTemplate template =
            store
                .findTemplate(account, name)
                .orElseThrow(
                    () ->
                        new MessageRefused(
                            Reason.UNKNOWN_TEMPLATE, "no template named \"" + name + "\""));
        TransactionalMail.Rendered rendered = mail.render(template, t.data());
        yield new MessageRequest.Body.Inline(rendered.subject(), rendered.html(), rendered.text());
      }
    };
  }

  /** The message's status, or empty when the account has no such message (or it expired). */
  public Optional<MessageStatus> status(AccountId account, MessageId id) {
    return store.status(account, id);
  }

  /**
   * A page of the account's messages, newest first, after the message {@code cursor}; empty when
   * the cursor is not one of the account's messages.
   */
  public Optional<MessageStore.Page> list(AccountId account, Optional<String> cursor, int limit) {
    Optional<MessageId> after = Optional.empty();
    if (cursor.isPresent()) {
      after = MessageId.parse(cursor.get());
      if (after.isEmpty()) {
        return Optional.empty();
      }
    }
    return store.page(account, after, Math.clamp(limit, 1, 100));
  }

  /** Stores (or replaces) a template after checking that it compiles. */
  public StoredTemplate putTemplate(
      AccountId account, String name, String subject, Optional<String> html, Optional<String> text)
      throws MessageRefused {
    StoredTemplate template =
        new StoredTemplate(
            MessageChecks.templateName(name),
            MessageChecks.singleLine(subject, "subject", Limits.MAX_SUBJECT, true),
            checks.body(html, "html"),
            checks.body(text, "text"),
            clock.instant());
    if (template.html().isEmpty() && template.text().isEmpty()) {
      throw new MessageRefused(Reason.INVALID_MESSAGE, "an html or a text body is required");
    }
    mail.check(template);
    store.putTemplate(account, template);
    return template;
  }

  /** A page of the account's templates by name. */
  public io.herald.paging.Page<StoredTemplate> templates(
      AccountId account, Optional<String> after, int limit) {
    return store.templates(account, after, limit);
  }

  public Optional<StoredTemplate> template(AccountId account, String name) {
    try {
      return store.findTemplate(account, MessageChecks.templateName(name));
    } catch (MessageRefused notAName) {
      return Optional.empty();
    }
  }

  /** Whether the account suppressed this address (the relay refuses it at RCPT). */
  public boolean isSuppressed(AccountId account, String address) {
    String key = ContactKeys.email(address.toLowerCase(Locale.ROOT));
    return !audience.suppressedAmong(account, List.of(key)).isEmpty();
  }

  /**
   * The contact key ({@code e:<address>}) of the transactional copy a signed VERP reference names
   * ({@code bounces+…@} or {@code unsub+…@}), for complaints and mailed unsubscribes: pass it to
   * {@code Engagements.complained} / {@code unsubscribed} with the message id as the campaign id.
   * Empty when the reference is about a campaign's message or an expired one.
   */
  public Optional<String> contactKey(MessageRef.Recipient ref) {
    long number = ref.token().recipient();
    return MessageId.parse(ref.campaignId())
        .flatMap(id -> store.find(new AccountId(ref.accountId()), id))
        .filter(m -> number >= 0 && number < m.recipients().size())
        .map(m -> ContactKeys.email(m.recipients().get((int) number)));
  }

  /**
   * Applies a bounce that arrived later by mail (an RFC 3464 DSN to a VERP address) when it is
   * about a transactional message: the recipient's state becomes {@code bounced}, and a hard bounce
   * suppresses the address for the account. False when the report is about something else (a
   * campaign's message), which the caller then handles as before.
   */
  public boolean bounced(FeedbackReport.Bounce bounce) {
    if (!(bounce.ref() instanceof MessageRef.Recipient r)) {
      return false;
    }
    AccountId account = new AccountId(r.accountId());
    MessageId id = new MessageId(r.campaignId());
    long number = r.token().recipient();
    Optional<StoredMessage> message = store.find(account, id);
    if (message.isEmpty() || number < 0 || number >= message.get().recipients().size()) {
      return false;
    }
    Instant now = clock.instant();
    DeliveryState.Kind kind = DeliveryState.Kind.valueOf(bounce.kind().name());
    String reply = (bounce.status() + " " + bounce.diagnostic()).strip();
    // A DSN that comes again (MTAs retry) is recorded again but reported once.
    boolean repeated =
        store.state(account, id, (int) number).orElse(null) instanceof DeliveryState.Bounced;
    store.recordLate(account, id, (int) number, new DeliveryState.Bounced(now, kind, reply));
    String address = message.get().recipients().get((int) number);
    if (!repeated) {
      events.emit(lateBounce(account, id, address, kind, reply, now));
    }
    if (kind == DeliveryState.Kind.HARD) {
      audience.suppress(
          account,
          new Suppression(
              ContactKeys.email(address), "hard bounce: " + reply + " (message " + id + ")", now));
    }
    metrics.outcome("bounced_" + kind.name().toLowerCase(Locale.ROOT));
    return true;
  }

  private static WebhookEvent lateBounce(
      AccountId account,
      MessageId id,
      String address,
      DeliveryState.Kind kind,
      String reply,
      Instant at) {
    return WebhookEvent.ofMessage(
        EventType.BOUNCED,
        at,
        account,
        id.value(),
        address,
        Map.of("kind", kind.name().toLowerCase(Locale.ROOT), "reply", reply, "late", true));
  }
}
