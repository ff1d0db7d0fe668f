package io.herald.paging;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Pages through a small collection read whole (accounts, lists, held campaigns, templates): sorted
 * by a unique key, each page starting after the key the previous one ended on. An item added or
 * removed between pages shifts nothing else, so every item present throughout is seen exactly once.
 */
public final class SortedPages {
  private SortedPages() {}

  public static <T> Page<T> page(
      List<T> all, Function<T, String> key, Optional<String> after, int limit) {
    List<T> sorted = new ArrayList<>(all);
    sorted.sort(Comparator.comparing(key));
    List<T> items = new ArrayList<>(limit);
    boolean more = false;
    for (T item : sorted) {
      if (after.isPresent() && key.apply(item).compareTo(after.get()) <= 0) {
        continue;
      }
      if (items.size() == limit) {
        more = true;
        break;
      }
      items.add(item);
    }
    Optional<String> next = more ? Optional.of(key.apply(items.getLast())) : Optional.empty();
    return new Page<>(items, next);
  }

  /** A sort key of an instant and an id that orders as the instant does, ties broken by the id. */
  public static String timeKey(java.time.Instant at, String id) {
    return String.format("%019d%09d|%s", at.getEpochSecond(), at.getNano(), id);
  }
}
