package io.herald.web;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.herald.account.Account;
import io.herald.campaign.Channel;
import io.herald.message.MessageId;
import io.herald.message.MessageRefused;
import io.herald.message.MessageRequest;
import io.herald.message.MessageStatus;
import io.herald.message.MessageStore;
import io.herald.message.Messages;
import io.herald.message.StoredTemplate;
import io.herald.message.Submitted;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The developer API for transactional messages (R10): send one message ({@code POST /api/messages},
 * an email, or an SMS with {@code "channel": "sms"}, with an {@code Idempotency-Key} so a retried
 * request never sends twice), its status per recipient, the account's messages newest first, stored
 * Mustache templates, and how a text would go out as SMS ({@code POST /api/sms/preview}). A message
 * of another account is simply not found.
 */
final class MessageRoutes {
  /** JSON bodies larger than this are refused before they are read. */
  static final long MAX_BODY_BYTES = 900_000;

  private final Auth auth;
  private final Messages messages;

  MessageRoutes(Auth auth, Messages messages) {
    this.auth = auth;
    this.messages = messages;
  }

  /**
   * Request body of a send: inline subject and bodies, or a template and its data; with {@code
   * channel} {@code sms}, phone numbers, a sender ID and a text.
   */
  record Send(
      String channel,
      @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> to,
      String from,
      String fromName,
      String replyTo,
      String subject,
      String html,
      String text,
      String template,
      Map<String, String> data) {}

  /** Request body of a template. */
  record Template(String subject, String html, String text) {}

  /** Request body of an SMS preview. */
  record SmsText(String text) {}

  void register(Javalin app) {
    app.post("/api/messages", this::send);
    app.get("/api/messages", this::list);
    app.get("/api/messages/{id}", this::status);
    app.get("/api/templates", this::templates);
    app.put("/api/templates/{name}", this::putTemplate);
    app.get("/api/templates/{name}", this::getTemplate);
    app.post("/api/sms/preview", this::previewSms);
  }

  private void send(Context ctx) {
    Account account = auth.sender(ctx);
    Send send = read(ctx, Send.class);
    Optional<String> key = Optional.ofNullable(ctx.header("Idempotency-Key"));
    Submitted submitted;
    try {
      submitted = messages.submit(account, request(send), key);
    } catch (MessageRefused e) {
      throw refusal(e);
    }
    String status =
        messages.status(account.id(), submitted.id()).map(MessageStatus::overall).orElse("queued");
    if (submitted.replayed()) {
      ctx.header("Idempotent-Replayed", "true");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", submitted.id().value());
    body.put("status", status);
    body.put("replayed", submitted.replayed());
    ctx.status(202).json(body);
  }

  private static MessageRequest request(Send send) {
    Channel channel =
        send.channel() == null
            ? Channel.EMAIL
            : Channel.ofWireName(send.channel())
                .orElseThrow(() -> Problem.badRequest("\"channel\" is \"email\" or \"sms\""));
    if (channel == Channel.SMS) {
      return sms(send);
    }
    if (send.to() == null || send.from() == null) {
      throw Problem.badRequest("\"to\" and \"from\" are required");
    }
    if (send.to().stream().anyMatch(java.util.Objects::isNull)) {
      throw Problem.badRequest("\"to\" may not hold null");
    }
    MessageRequest.Body body;
    if (send.template() != null) {
      if (send.subject() != null || send.html() != null || send.text() != null) {
        throw Problem.badRequest(
            "give either \"template\" (with \"data\") or \"subject\" and \"html\"/\"text\"");
      }
      Map<String, String> data = send.data() == null ? Map.of() : send.data();
      if (data.containsValue(null)) {
        throw Problem.badRequest("template data values may not be null");
      }
      body = new MessageRequest.Body.Template(send.template(), data);
    } else {
      if (send.data() != null) {
        throw Problem.badRequest("\"data\" is only for a \"template\"");
      }
      body =
          new MessageRequest.Body.Inline(
              send.subject() == null ? "" : send.subject(),
              Optional.ofNullable(send.html()),
              Optional.ofNullable(send.text()));
    }
    return new MessageRequest.Composed(
        send.to(), send.from(), send.fromName(), Optional.ofNullable(send.replyTo()), body);
  }

  /** An SMS: {@code to}, {@code from} and {@code text}, and none of an email's fields. */
  private static MessageRequest sms(Send send) {
    if (send.to() == null || send.from() == null || send.text() == null) {
      throw Problem.badRequest("an SMS needs \"to\", \"from\" and \"text\"");
    }
    if (send.to().stream().anyMatch(java.util.Objects::isNull)) {
      throw Problem.badRequest("\"to\" may not hold null");
    }
    Map<String, Object> emailOnly = new LinkedHashMap<>();
    emailOnly.put("fromName", send.fromName());
    emailOnly.put("replyTo", send.replyTo());
    emailOnly.put("subject", send.subject());
    emailOnly.put("html", send.html());
    emailOnly.put("template", send.template());
    emailOnly.put("data", send.data());
    emailOnly.forEach(
        (field, value) -> {
          if (value != null) {
            throw Problem.badRequest("\"" + field + "\" is not a field of an SMS");
          }
        });
    return new MessageRequest.Sms(send.to(), send.from(), send.text());
  }

  private void previewSms(Context ctx) {
    auth.account(ctx);
    SmsText text = read(ctx, SmsText.class);
    if (text.text() == null) {
      throw Problem.badRequest("\"text\" is required");
    }
    try {
      ctx.json(messages.previewSms(text.text()));
    } catch (MessageRefused e) {
      throw refusal(e);
    }
  }

  private void status(Context ctx) {
    Account account = auth.account(ctx);
    MessageStatus status =
        MessageId.parse(ctx.pathParam("id"))
            .flatMap(id -> messages.status(account.id(), id))
            .orElseThrow(() -> Problem.notFound("no such message"));
    ctx.json(MessageViews.status(status));
  }

  private void list(Context ctx) {
    Account account = auth.account(ctx);
    int limit = 20;
    String limitParam = ctx.queryParam("limit");
    if (limitParam != null) {
      try {
        limit = Integer.parseInt(limitParam);
      } catch (NumberFormatException e) {
        throw Problem.badRequest("limit must be a number from 1 to 100");
      }
      if (limit < 1 || limit > 100) {
        throw Problem.badRequest("limit must be a number from 1 to 100");
      }
    }
    MessageStore.Page page =
        messages
            .list(account.id(), Optional.ofNullable(ctx.queryParam("cursor")), limit)
            .orElseThrow(() -> Problem.badRequest("unknown or expired cursor"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("messages", page.messages().stream().map(MessageViews::summary).toList());
    body.put("next", page.next().map(MessageId::value).orElse(null));
    ctx.json(body);
  }

  private void templates(Context ctx) {
    Account account = auth.account(ctx);
    Paging paging = Paging.read(ctx, "templates");
    ctx.json(
        paging.body(
            "templates",
            messages
                .templates(account.id(), paging.after(), paging.limit())
                .map(MessageViews::templateSummary)));
  }

  private void putTemplate(Context ctx) {
    Account account = auth.account(ctx);
    Template template = read(ctx, Template.class);
    try {
      StoredTemplate stored =
          messages.putTemplate(
              account.id(),
              ctx.pathParam("name"),
              template.subject(),
              Optional.ofNullable(template.html()),
              Optional.ofNullable(template.text()));
      ctx.json(MessageViews.template(stored));
    } catch (MessageRefused e) {
      throw refusal(e);
    }
  }

  private void getTemplate(Context ctx) {
    Account account = auth.account(ctx);
    StoredTemplate template =
        messages
            .template(account.id(), ctx.pathParam("name"))
            .orElseThrow(() -> Problem.notFound("no such template"));
    ctx.json(MessageViews.template(template));
  }

  /** A JSON body within {@link #MAX_BODY_BYTES}; anything else is a 400 with the reason. */
  private static <T> T read(Context ctx, Class<T> type) {
    if (ctx.contentLength() > MAX_BODY_BYTES) {
      throw Problem.badRequest("the request body is larger than " + MAX_BODY_BYTES + " bytes");
    }
    return JsonBodies.read(ctx, type);
  }

  private static Problem refusal(MessageRefused e) {
    return switch (e.reason()) {
      case INVALID_ADDRESS, INVALID_MESSAGE, TOO_LARGE -> Problem.badRequest(e.getMessage());
      case UNKNOWN_TEMPLATE, IDEMPOTENCY_MISMATCH, UNVERIFIED_SENDER, CHANNEL_UNAVAILABLE ->
          new Problem(422, "Unprocessable request", e.getMessage());
      case QUOTA_EXCEEDED -> Problem.tooManyRequests(e.getMessage(), e.retryAfterSeconds());
    };
  }
}
