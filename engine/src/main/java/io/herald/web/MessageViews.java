package io.herald.web;

import io.herald.message.DeliveryState;
import io.herald.message.MessageStatus;
import io.herald.message.StoredTemplate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The JSON shapes of messages, recipients' states and templates in the API. */
final class MessageViews {
  private MessageViews() {}

  static Map<String, Object> summary(MessageStatus status) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", status.id().value());
    out.put("status", status.overall());
    out.put("source", status.source());
    out.put("channel", status.channel().wireName());
    out.put("from", status.from());
    out.put("subject", status.subject());
    out.put("createdAt", status.createdAt());
    out.put("recipients", status.recipients().size());
    return out;
  }

  static Map<String, Object> status(MessageStatus status) {
    Map<String, Object> out = summary(status);
    out.put("recipients", status.recipients().stream().map(MessageViews::recipient).toList());
    return out;
  }

  private static Map<String, Object> recipient(MessageStatus.Recipient recipient) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("address", recipient.address());
    DeliveryState state = recipient.state();
    out.put("status", state.name());
    out.put("at", state.at());
    switch (state) {
      case DeliveryState.Queued q -> {}
      case DeliveryState.Deferred d -> {
        out.put("attempts", d.attempts());
        out.put("nextTry", d.nextTry());
        out.put("reply", d.reason());
      }
      case DeliveryState.Delivered d -> {
        out.put("attempts", d.attempts());
        out.put("reply", d.reply());
      }
      case DeliveryState.Bounced b -> {
        out.put("bounce", b.kind().name().toLowerCase(Locale.ROOT));
        out.put("reply", b.reply());
      }
      case DeliveryState.Suppressed s -> out.put("reason", s.reason());
      case DeliveryState.Failed f -> out.put("reason", f.reason());
      case DeliveryState.Submitted s -> {
        out.put("attempts", s.attempts());
        out.put("messageIds", s.messageIds());
      }
      case DeliveryState.Undelivered u -> out.put("error", u.error());
    }
    return out;
  }

  /** A template in the list: its name, subject and when it was last stored. */
  static Map<String, Object> templateSummary(StoredTemplate template) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", template.name());
    out.put("subject", template.subject());
    out.put("updatedAt", template.updatedAt());
    return out;
  }

  static Map<String, Object> template(StoredTemplate template) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", template.name());
    out.put("subject", template.subject());
    out.put("html", template.html().orElse(null));
    out.put("text", template.text().orElse(null));
    out.put("updatedAt", template.updatedAt());
    return out;
  }
}
