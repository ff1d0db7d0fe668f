package io.herald.store.redis;

import io.herald.store.GroupCommit;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.SlotHash;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Small Lua operations, each on keys of one hash tag, run for many callers at once: the operations
 * handed over while a batch is in flight ({@link GroupCommit}) go to Redis as one {@code EVALSHA}
 * of a dispatcher script that runs them in order, on a single server; on a Redis Cluster as one
 * such call per slot, all sent before any answer is awaited. Each caller gets its own operation's
 * answer (a list), or the failure of its batch. An operation is a named Lua function of {@code
 * (keys, args)} that returns a table (never nil). Built for the SMS path, where every message used
 * to cost a dozen round trips of one small script each.
 */
final class ScriptOps {
  /** An operation: the function's name, its keys (one slot), its arguments. */
  record Op(String name, List<String> keys, List<String> args) {
    Op {
      Objects.requireNonNull(name, "name");
      if (keys.isEmpty()) {
        throw new IllegalArgumentException("an operation names its keys: " + name);
      }
      keys = List.copyOf(keys);
      args = List.copyOf(args);
    }
  }

  private static final int MAX_BATCH = 512;
  private static final long WAIT_MS = TimeUnit.SECONDS.toMillis(30);

  private final Redis redis;
  private final String script;
  private final GroupCommit<Op, List<Object>> commit;

  /**
   * @param prelude Lua defining what the functions share (may be empty)
   * @param functions each operation's name and body: {@code function(K, A) … end}
   */
  ScriptOps(Redis redis, String prelude, Map<String, String> functions) {
    this.redis = redis;
    StringBuilder lua = new StringBuilder(prelude).append("\nlocal ops = {}\n");
    functions.forEach(
        (name, body) -> lua.append("ops['").append(name).append("'] = ").append(body).append('\n'));
    lua.append(
        """
        local out, k, a = {}, 1, 1
        while a <= #ARGV do
          local name, nk, na = ARGV[a], tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2])
          local K, A = {}, {}
          for j = 1, nk do K[j] = KEYS[k + j - 1] end
          for j = 1, na do A[j] = ARGV[a + 2 + j] end
          out[#out + 1] = ops[name](K, A)
          k, a = k + nk, a + 3 + na
        end
        return out
        """);
    this.script = lua.toString();
    this.commit = new GroupCommit<>(MAX_BATCH, this::write);
  }

  /** Runs the operation with whatever else is waiting; its answer once written. */
  List<Object> run(Op op) {
    return commit.commit(op);
  }

  /** Runs the operations (in one batch when they fit) and returns their answers, in order. */
  List<List<Object>> run(List<Op> ops) {
    return commit.commitAll(ops);
  }

  private List<List<Object>> write(List<Op> batch) {
    // A single server runs everything in one call; a cluster node only keys of one slot per call.
    Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      int slot = redis.cluster() ? SlotHash.getSlot(batch.get(i).keys().getFirst()) : 0;
      groups.computeIfAbsent(slot, s -> new ArrayList<>()).add(i);
    }
    List<List<Integer>> members = new ArrayList<>(groups.values());
    List<String[][]> calls = new ArrayList<>(members.size());
    List<RedisFuture<List<Object>>> sent = new ArrayList<>(members.size());
    String digest = redis.digest(script);
    for (List<Integer> group : members) {
      String[][] call = call(batch, group);
      calls.add(call);
      sent.add(redis.async().evalsha(digest, ScriptOutputType.MULTI, call[0], call[1]));
    }
    List<List<Object>> answers = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      answers.add(null);
    }
    for (int g = 0; g < members.size(); g++) {
      List<Object> out = answer(sent.get(g), calls.get(g));
      List<Integer> group = members.get(g);
      for (int j = 0; j < group.size(); j++) {
        @SuppressWarnings("unchecked")
        List<Object> one = (List<Object>) out.get(j);
        answers.set(group.get(j), one);
      }
    }
    return answers;
  }

  /** The keys and arguments of one call: per operation its name, key count, argument count. */
  private static String[][] call(List<Op> batch, List<Integer> group) {
    List<String> keys = new ArrayList<>();
    List<String> args = new ArrayList<>();
    for (int i : group) {
      Op op = batch.get(i);
      keys.addAll(op.keys());
      args.add(op.name());
      args.add(Integer.toString(op.keys().size()));
      args.add(Integer.toString(op.args().size()));
      args.addAll(op.args());
    }
    return new String[][] {keys.toArray(String[]::new), args.toArray(String[]::new)};
  }

  private List<Object> answer(RedisFuture<List<Object>> future, String[][] call) {
    try {
      return future.get(WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RedisNoScriptException) {
        // A server that restarted (or a node that never ran it): EVAL loads it again.
        return redis.sync().eval(script, ScriptOutputType.MULTI, call[0], call[1]);
      }
      throw new IllegalStateException("Redis refused a batch: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Redis", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Redis did not answer a batch in time", e);
    }
  }
}
