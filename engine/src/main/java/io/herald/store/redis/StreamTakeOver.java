package io.herald.store.redis;

import io.herald.work.NodeLiveness;
import io.lettuce.core.ScriptOutputType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes over, for a live consumer, the entries a dead consumer of a stream's group left pending:
 * the dead are those {@link NodeLiveness} says so of the group's consumers with entries pending.
 * Each dead consumer's entries move in one script ({@code XPENDING} + {@code XCLAIM}), which reads
 * the dead consumer's pending list when it runs: two live nodes taking over at once cannot both get
 * an entry (the second finds it gone from that list). A dead consumer with nothing pending is
 * removed from the group.
 */
final class StreamTakeOver {
  private static final Logger log = LoggerFactory.getLogger(StreamTakeOver.class);

  /** One stream entry taken over: its id and its fields. */
  record Taken(String id, Map<String, String> body) {}

  private static final String TAKE =
      """
      local pending = redis.call('XPENDING', KEYS[1], ARGV[1], '-', '+', ARGV[4], ARGV[2])
      if #pending == 0 then
        redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], ARGV[2])
        return {}
      end
      local ids = {}
      for i, entry in ipairs(pending) do ids[i] = entry[1] end
      return redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[3], ARGV[5], unpack(ids))
      """;

  private final Redis redis;
  private final NodeLiveness liveness;

  StreamTakeOver(Redis redis, NodeLiveness liveness) {
    this.redis = redis;
    this.liveness = liveness;
  }

  /** Up to {@code max} entries of {@code stream} that dead consumers of {@code group} held. */
  List<Taken> take(String stream, String group, String self, int max) {
    List<String> holding = new ArrayList<>();
    List<String> idle = new ArrayList<>();
    for (Object info : redis.sync().xinfoConsumers(stream, group)) {
      Map<String, Object> fields = fields(info);
      String name = String.valueOf(fields.get("name"));
      long pending = fields.get("pending") instanceof Long n ? n : 0;
      (pending > 0 ? holding : idle).add(name);
    }
    List<Taken> taken = new ArrayList<>();
    List<String> everyone = new ArrayList<>(holding);
    everyone.addAll(idle);
    for (String dead : liveness.dead(everyone)) {
      if (taken.size() >= max) {
        break;
      }
      List<Object> claimed =
          redis.eval(
              TAKE,
              ScriptOutputType.MULTI,
              new String[] {stream},
              group,
              dead,
              self,
              Integer.toString(max - taken.size()),
              "0");
      for (Object entry : claimed) {
        if (entry instanceof List<?> pair
            && pair.size() == 2
            && pair.get(1) instanceof List<?> kv) {
          taken.add(new Taken(String.valueOf(pair.get(0)), body(kv)));
        }
      }
      if (!claimed.isEmpty()) {
        log.info(
            "{} took over {} entries of {} that {} held: its heartbeat lapsed",
            self,
            claimed.size(),
            stream,
            dead);
      }
    }
    return taken;
  }

  /** XINFO CONSUMERS gives each consumer as a flat list of names and values. */
  private static Map<String, Object> fields(Object info) {
    Map<String, Object> fields = new java.util.HashMap<>();
    if (info instanceof List<?> flat) {
      for (int i = 0; i + 1 < flat.size(); i += 2) {
        fields.put(String.valueOf(flat.get(i)), flat.get(i + 1));
      }
    }
    return fields;
  }

  private static Map<String, String> body(List<?> kv) {
    Map<String, String> body = new java.util.HashMap<>();
    for (int i = 0; i + 1 < kv.size(); i += 2) {
      body.put(String.valueOf(kv.get(i)), String.valueOf(kv.get(i + 1)));
    }
    return body;
  }
}
