package io.herald.config;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The value types configuration keys use. Each is a parse function plus the phrase that tells the
 * operator what a valid value looks like; adding a key of an existing type is one line in {@link
 * ConfigSchema}.
 */
final class ValueTypes {

  private static final Pattern REGION = Pattern.compile("[A-Za-z]{2}");
  private static final Set<String> REDIS_SCHEMES =
      Set.of(
          "redis",
          "rediss",
          "redis-sentinel",
          "rediss-sentinel",
          "redis-cluster",
          "rediss-cluster");

  private ValueTypes() {}

  /** A scalar type: text is stripped, then parsed; an IllegalArgumentException means invalid. */
  record Scalar<T>(String expected, Function<String, T> parse) implements ValueType<T> {
    @Override
    public T fromText(String text) throws InvalidValue {
      try {
        return parse.apply(text.strip());
      } catch (IllegalArgumentException e) {
        throw InvalidValue.of(text);
      }
    }
  }

  /**
   * A list: a YAML sequence, or comma-separated text (the only way to write a list in an
   * environment variable). Empty text is the empty list, so an override can clear a list. Items are
   * de-duplicated, keeping the first occurrence.
   */
  record ListOf<E>(String expected, ValueType<E> item) implements ValueType<List<E>> {
    @Override
    public List<E> fromText(String text) throws InvalidValue {
      if (text.isBlank()) {
        return List.of();
      }
      List<String> items = List.of(text.split(",", -1));
      if (items.stream().anyMatch(String::isBlank)) {
        throw InvalidValue.of(text); // "RU,,BY": say what the whole value was
      }
      return fromItems(items);
    }

    @Override
    public List<E> fromItems(List<String> items) throws InvalidValue {
      List<E> values = new ArrayList<>();
      for (String i : items) {
        values.add(item.fromText(i));
      }
      return values.stream().distinct().toList();
    }
  }

  static ValueType<Integer> integer(int min, int max, String expected) {
    return new Scalar<>(expected, t -> checkRange(Integer.parseInt(t), min, max));
  }

  static ValueType<Long> longInteger(long min, long max, String expected) {
    return new Scalar<>(expected, t -> checkRange(Long.parseLong(t), min, max));
  }

  static ValueType<Integer> port(String expected) {
    return integer(0, 65_535, expected);
  }

  /** A size in bytes, at least {@code min}; see {@link DataSize} for the syntax. */
  static ValueType<Long> dataSize(long min, String expected) {
    return new Scalar<>(expected, t -> checkRange(DataSize.parse(t).bytes(), min, Long.MAX_VALUE));
  }

  /** Non-blank text without whitespace: a host name, an IPv4 or an IPv6 address. */
  static ValueType<String> host(String expected) {
    return new Scalar<>(
        expected,
        t -> {
          if (t.isEmpty() || t.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("not a host");
          }
          return t;
        });
  }

  static ValueType<String> text(String expected) {
    return new Scalar<>(
        expected,
        t -> {
          if (t.isEmpty()) {
            throw new IllegalArgumentException("empty");
          }
          return t;
        });
  }

  /** Any text, or empty for none. */
  static ValueType<Optional<String>> optionalText(String expected) {
    return new Scalar<>(expected, t -> t.isEmpty() ? Optional.empty() : Optional.of(t));
  }

  /** Text matching {@code pattern} (whole), e.g. a rate such as 100/s. */
  static ValueType<String> matching(Pattern pattern, String expected) {
    return new Scalar<>(
        expected,
        t -> {
          if (!pattern.matcher(t).matches()) {
            throw new IllegalArgumentException("no match");
          }
          return t;
        });
  }

  /** One of a few words, compared case-insensitively and returned lower-case. */
  static ValueType<String> oneOf(List<String> choices, String expected) {
    return new Scalar<>(
        expected,
        t -> {
          String word = t.toLowerCase(Locale.ROOT);
          if (!choices.contains(word)) {
            throw new IllegalArgumentException("not a choice");
          }
          return word;
        });
  }

  /** A positive duration such as 72h, 30m or PT6H. */
  static ValueType<java.time.Duration> duration(String expected) {
    return new Scalar<>(
        expected,
        t -> {
          java.time.Duration d = Durations.parse(t);
          if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("not positive");
          }
          return d;
        });
  }

  /** An absolute http(s) URL without a trailing slash. */
  static ValueType<URI> httpUrl(String expected) {
    return new Scalar<>(
        expected,
        t -> {
          URI uri = URI.create(t.endsWith("/") ? t.substring(0, t.length() - 1) : t);
          if (uri.getScheme() == null
              || !List.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))
              || uri.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) URL");
          }
          return uri;
        });
  }

  static ValueType<Path> path(String expected) {
    return new Scalar<>(
        expected,
        t -> {
          if (t.isEmpty()) {
            throw new IllegalArgumentException("empty");
          }
          return Path.of(t); // InvalidPathException is an IllegalArgumentException
        });
  }

  /** An ISO 3166-1 alpha-2 code: two ASCII letters, returned upper-case. */
  static ValueType<String> region(String expected) {
    return new Scalar<>(
        expected,
        t -> {
          if (!REGION.matcher(t).matches()) {
            throw new IllegalArgumentException("not a region");
          }
          return t.toUpperCase(Locale.ROOT);
        });
  }

  /**
   * A charset this JVM supports, returned by its canonical name ({@code cp1251} → windows-1251).
   */
  static ValueType<String> charset(String expected) {
    return new Scalar<>(expected, t -> Charset.forName(t).name());
  }

  /**
   * A Redis URI, or empty for none. A bad value is shown without its user-info so a password in the
   * URI never reaches a log through an error message.
   */
  static ValueType<Optional<URI>> optionalRedisUri(String expected) {
    return new ValueType<>() {
      @Override
      public String expected() {
        return expected;
      }

      @Override
      public Optional<URI> fromText(String text) throws InvalidValue {
        String t = text.strip();
        if (t.isEmpty()) {
          return Optional.empty();
        }
        try {
          URI uri = new URI(t);
          if (uri.getScheme() != null
              && REDIS_SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
            return Optional.of(uri);
          }
        } catch (java.net.URISyntaxException e) {
          // reported below
        }
        throw InvalidValue.of(t.replaceFirst("//[^/@]*@", "//***@"));
      }
    };
  }

  /** {@code true} or {@code false}, in any case. */
  static ValueType<Boolean> bool(String expected) {
    return new Scalar<>(
        expected,
        t ->
            switch (t.toLowerCase(Locale.ROOT)) {
              case "true" -> true;
              case "false" -> false;
              default -> throw new IllegalArgumentException("not a boolean");
            });
  }

  /** A time of day written {@code HH:mm} (24-hour clock), such as 21:00. */
  static ValueType<java.time.LocalTime> timeOfDay(String expected) {
    return new Scalar<>(
        expected,
        t -> {
          if (!t.matches("[0-2][0-9]:[0-5][0-9]")) {
            throw new IllegalArgumentException("not HH:mm");
          }
          try {
            return java.time.LocalTime.parse(t);
          } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("not a time", e);
          }
        });
  }

  /** A positive duration, or empty for none. */
  static ValueType<Optional<java.time.Duration>> optionalDuration(String expected) {
    ValueType<java.time.Duration> some = duration(expected);
    return new Scalar<>(
        expected,
        t -> {
          if (t.isEmpty()) {
            return Optional.empty();
          }
          try {
            return Optional.of(some.fromText(t));
          } catch (InvalidValue e) {
            throw new IllegalArgumentException("not a duration", e);
          }
        });
  }

  /**
   * A secret (a password) of at most {@code maxChars} characters, possibly empty. A bad value is
   * described, never shown, so the secret cannot reach a log through an error message.
   */
  static ValueType<String> secret(int maxChars, String expected) {
    return new ValueType<>() {
      @Override
      public String expected() {
        return expected;
      }

      @Override
      public String fromText(String text) throws InvalidValue {
        if (text.length() > maxChars) {
          throw new InvalidValue("a secret of " + text.length() + " characters");
        }
        return text;
      }
    };
  }

  static <E> ValueType<List<E>> list(ValueType<E> item, String expected) {
    return new ListOf<>(expected, item);
  }

  private static <N extends Comparable<N>> N checkRange(N value, N min, N max) {
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException("out of range");
    }
    return value;
  }
}
