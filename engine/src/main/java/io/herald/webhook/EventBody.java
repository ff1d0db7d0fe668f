package io.herald.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Turns an event into the tasks that post it: one id ({@code evt_} and 128 random bits) and one
 * JSON body per event, one task per endpoint that wants it. The body is the API's event object:
 * {@code {"id","type","at","account","message":{"id","campaign"},"recipient","data"}}.
 */
final class EventBody {
  private final ObjectMapper mapper;
  private final RandomGenerator random;

  EventBody(ObjectMapper mapper, RandomGenerator random) {
    this.mapper = mapper;
    this.random = random;
  }

  /** The tasks posting {@code event} to those of {@code endpoints} that want its type. */
  List<Task> tasks(WebhookEvent event, List<Endpoint> endpoints) {
    List<Endpoint> wanting = endpoints.stream().filter(e -> e.wants(event.type())).toList();
    if (wanting.isEmpty()) {
      return List.of();
    }
    String id = newId();
    String body = render(id, event);
    return wanting.stream()
        .map(e -> new Task(event.account(), e.id(), id, event.type(), 1, event.at(), body))
        .toList();
  }

  /** The one task of a ping to {@code endpoint}, whatever it subscribed to. */
  Task ping(Endpoint endpoint, WebhookEvent ping) {
    String id = newId();
    return new Task(
        endpoint.account(), endpoint.id(), id, EventType.PING, 1, ping.at(), render(id, ping));
  }

  private String newId() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return "evt_" + HexFormat.of().formatHex(bytes);
  }

  private String render(String id, WebhookEvent event) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("id", event.messageId().orElse(null));
    message.put("campaign", event.campaign().orElse(null));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", id);
    body.put("type", event.type().wire());
    body.put("at", event.at().toString());
    body.put("account", event.account().value());
    body.put("message", message);
    body.put("recipient", event.recipient().orElse(null));
    body.put("data", new java.util.TreeMap<>(event.data()));
    try {
      return mapper.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("an event's data is not JSON: " + e.getMessage(), e);
    }
  }
}
