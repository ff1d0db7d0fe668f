package io.herald.paging;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a list: its items and, when more follow, the position after the last of them (the
 * store's own position string; the API wraps it into an opaque cursor).
 */
public record Page<T>(List<T> items, Optional<String> next) {
  public Page {
    items = List.copyOf(items);
  }

  public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
    return new Page<>(items.stream().<R>map(mapper).toList(), next);
  }
}
