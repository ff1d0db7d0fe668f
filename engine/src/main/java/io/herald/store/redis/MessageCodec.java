package io.herald.store.redis;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.herald.campaign.Channel;
import io.herald.message.DeliveryState;
import io.herald.message.MessageId;
import io.herald.message.MessageStatus;
import io.herald.message.StoredMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The JSON forms of transactional messages and states in Redis. */
final class MessageCodec {
  private final Json json;

  MessageCodec(Json json) {
    this.json = json;
  }

  /**
   * What a message's {@code meta} field holds: enough for its status without its body. {@code
   * channel} is {@code sms} for an SMS, else {@code email} (or absent: messages kept from before
   * there were channels).
   */
  record Meta(
      String id,
      Instant createdAt,
      String source,
      String channel,
      String from,
      String subject,
      List<String> recipients,
      String envelopeSender) {}

  /** One recipient's state, flat; {@code ids} are a submitted SMS's SMSC message ids. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record State(
      String state,
      Instant at,
      Integer attempts,
      Instant nextTry,
      String reason,
      String kind,
      String reply,
      List<String> ids) {}

  String meta(StoredMessage message) {
    String envelope =
        message.content() instanceof StoredMessage.Raw raw ? raw.envelopeSender() : null;
    return json.write(
        new Meta(
            message.id().value(),
            message.createdAt(),
            message.source(),
            message.channel().wireName(),
            message.content().fromAddress(),
            message.content().subject(),
            message.recipients(),
            envelope));
  }

  Meta meta(String value) {
    return json.read(value, Meta.class);
  }

  String body(StoredMessage message) {
    return switch (message.content()) {
      case StoredMessage.Composed c -> json.write(c);
      case StoredMessage.Sms sms -> json.write(sms);
      case StoredMessage.Raw r -> Base64.getEncoder().encodeToString(r.rfc822());
    };
  }

  StoredMessage message(Meta meta, String body) {
    StoredMessage.Content content;
    if ("smtp".equals(meta.source())) {
      content =
          new StoredMessage.Raw(
              meta.envelopeSender() == null ? "" : meta.envelopeSender(),
              meta.from(),
              meta.subject(),
              Base64.getDecoder().decode(body));
    } else if (channel(meta) == Channel.SMS) {
      content = json.read(body, StoredMessage.Sms.class);
    } else {
      content = json.read(body, StoredMessage.Composed.class);
    }
    return new StoredMessage(
        new MessageId(meta.id()), meta.createdAt(), meta.recipients(), content);
  }

  String state(DeliveryState state) {
    return json.write(
        switch (state) {
          case DeliveryState.Queued q ->
              new State("queued", q.at(), null, null, null, null, null, null);
          case DeliveryState.Deferred d ->
              new State(
                  "deferred", d.at(), d.attempts(), d.nextTry(), d.reason(), null, null, null);
          case DeliveryState.Delivered d ->
              new State("delivered", d.at(), d.attempts(), null, null, null, d.reply(), null);
          case DeliveryState.Bounced b ->
              new State("bounced", b.at(), null, null, null, b.kind().name(), b.reply(), null);
          case DeliveryState.Suppressed s ->
              new State("suppressed", s.at(), null, null, s.reason(), null, null, null);
          case DeliveryState.Failed f ->
              new State("failed", f.at(), null, null, f.reason(), null, null, null);
          case DeliveryState.Submitted s ->
              new State("submitted", s.at(), s.attempts(), null, null, null, null, s.messageIds());
          case DeliveryState.Undelivered u ->
              new State(u.name(), u.at(), null, null, u.error(), null, null, null);
        });
  }

  DeliveryState state(String value) {
    State s = json.read(value, State.class);
    return switch (s.state()) {
      case "queued" -> new DeliveryState.Queued(s.at());
      case "deferred" -> new DeliveryState.Deferred(s.at(), s.attempts(), s.nextTry(), s.reason());
      case "delivered" -> new DeliveryState.Delivered(s.at(), s.attempts(), s.reply());
      case "bounced" ->
          new DeliveryState.Bounced(s.at(), DeliveryState.Kind.valueOf(s.kind()), s.reply());
      case "suppressed" -> new DeliveryState.Suppressed(s.at(), s.reason());
      case "failed" -> new DeliveryState.Failed(s.at(), s.reason());
      case "submitted" -> new DeliveryState.Submitted(s.at(), s.attempts(), s.ids());
      case "undeliverable", "expired", "rejected", "unknown" ->
          new DeliveryState.Undelivered(
              s.at(),
              DeliveryState.Outcome.valueOf(s.state().toUpperCase(Locale.ROOT)),
              s.reason());
      default -> throw new IllegalStateException("corrupt message state in Redis: " + s.state());
    };
  }

  /** A status from a message hash's fields (HGETALL), or empty when the hash is gone. */
  Optional<MessageStatus> status(Map<String, String> fields) {
    String metaValue = fields.get("meta");
    if (metaValue == null) {
      return Optional.empty();
    }
    Meta meta = meta(metaValue);
    List<MessageStatus.Recipient> recipients = new ArrayList<>();
    for (int i = 0; i < meta.recipients().size(); i++) {
      String value = fields.get("r:" + i);
      DeliveryState state =
          value == null ? new DeliveryState.Queued(meta.createdAt()) : state(value);
      recipients.add(new MessageStatus.Recipient(meta.recipients().get(i), state));
    }
    return Optional.of(
        new MessageStatus(
            new MessageId(meta.id()),
            meta.createdAt(),
            meta.source(),
            channel(meta),
            meta.from(),
            meta.subject(),
            recipients));
  }

  private static Channel channel(Meta meta) {
    return meta.channel() == null
        ? Channel.EMAIL
        : Channel.ofWireName(meta.channel())
            .orElseThrow(() -> new IllegalStateException("corrupt channel: " + meta.channel()));
  }
}
