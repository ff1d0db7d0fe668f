package io.herald.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The type of a key whose value is a list of small records, such as the SMSC connections under
 * {@code sms.smsc}: in the file a YAML sequence of mappings, in an environment variable the same
 * written as YAML flow text ({@code [{name: a, host: h, systemId: s}]}), which replaces the whole
 * list. Each record's fields are declared like keys (type, default, one line of documentation), so
 * an unknown or misspelt field, a missing required one or a bad value fails start-up naming the
 * item and the field ({@code sms.smsc[1].port}), exactly as a bad key does.
 *
 * @param expected what the whole value should look like, for messages
 * @param name the field that names a record; no two records of the list may share a name
 * @param fields the fields a record may have, {@code name} among them, in documentation order
 * @param build makes a record from its parsed fields; an IllegalArgumentException means the fields
 *     do not fit together and its message says how
 */
record RecordList<R>(
    String expected, Field<String> name, List<Field<?>> fields, Function<Fields, R> build)
    implements ValueType<List<R>> {

  /**
   * One field of a record: its name, type, the default as text (empty: the field is required) and
   * one line of documentation.
   */
  record Field<T>(String name, ValueType<T> type, Optional<String> defaultText, String doc) {
    static <T> Field<T> required(String name, ValueType<T> type, String doc) {
      return new Field<>(name, type, Optional.empty(), doc);
    }

    static <T> Field<T> optional(String name, ValueType<T> type, String defaultText, String doc) {
      return new Field<>(name, type, Optional.of(defaultText), doc);
    }
  }

  /** The parsed fields of one record. */
  static final class Fields {
    private final Map<String, Object> values = new HashMap<>();

    @SuppressWarnings("unchecked") // only a T is ever stored under a Field<T>'s name
    <T> T get(Field<T> field) {
      return (T) values.get(field.name());
    }
  }

  RecordList {
    fields = List.copyOf(fields);
    if (!fields.contains(name)) {
      throw new IllegalArgumentException("the name field must be one of the fields");
    }
  }

  @Override
  public List<R> fromText(String text) throws InvalidValue {
    if (text.isBlank()) {
      return List.of();
    }
    return switch (YamlConfigFile.parseFlow(text).orElse(null)) {
      case YamlConfigFile.Raw.Mappings m -> fromMappings(m.items());
      case null, default ->
          throw new InvalidValue("text that is not a YAML list of mappings"); // may hold a password
    };
  }

  @Override
  public List<R> fromItems(List<String> items) throws InvalidValue {
    if (items.isEmpty()) {
      return List.of(); // "[]"
    }
    throw new InvalidValue("a list of plain values");
  }

  @Override
  public List<R> fromMappings(List<Map<String, String>> items) throws InvalidValue {
    List<R> records = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      String where = "[" + i + "]";
      Fields parsed = parse(items.get(i), where);
      if (!names.add(parsed.get(name))) {
        throw InvalidValue.of(parsed.get(name))
            .at(where + "." + name.name(), "a " + name.name() + " no other item of the list has");
      }
      try {
        records.add(build.apply(parsed));
      } catch (IllegalArgumentException e) {
        throw new InvalidValue(e.getMessage()).at(where, "fields that fit together");
      }
    }
    return List.copyOf(records);
  }

  private Fields parse(Map<String, String> item, String where) throws InvalidValue {
    Set<String> known = new HashSet<>();
    fields.forEach(f -> known.add(f.name()));
    for (String given : item.keySet()) {
      if (!known.contains(given)) {
        throw new InvalidValue("an unknown field")
            .at(where + "." + given, "one of the fields " + names());
      }
    }
    Fields parsed = new Fields();
    for (Field<?> field : fields) {
      parsed.values.put(field.name(), value(field, item.get(field.name()), where));
    }
    return parsed;
  }

  private <T> T value(Field<T> field, String text, String where) throws InvalidValue {
    String at = where + "." + field.name();
    try {
      if (text != null) {
        return field.type().fromText(text);
      }
      if (field.defaultText().isEmpty()) {
        throw new InvalidValue("nothing (the field is required)");
      }
      return field.type().fromText(field.defaultText().get());
    } catch (InvalidValue e) {
      throw e.at(at, field.type().expected());
    }
  }

  private String names() {
    return String.join(", ", fields.stream().map(Field::name).toList());
  }
}
