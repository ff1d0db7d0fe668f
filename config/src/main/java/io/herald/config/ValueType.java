package io.herald.config;

import java.util.List;
import java.util.Map;

/**
 * How the text of one key becomes a typed value. Both sources reduce to text (a YAML scalar or an
 * environment variable) or, for lists, to items (a YAML sequence); parsing the same text the same
 * way from both is what makes an environment override behave exactly like the file.
 */
interface ValueType<T> {

  /** Finishes the sentence "expected ...", e.g. {@code an integer 0..65535}. */
  String expected();

  /** Parses a scalar; blank text is a value too (an empty YAML value or an empty variable). */
  T fromText(String text) throws InvalidValue;

  /** Parses a YAML sequence; only list types accept one. */
  default T fromItems(List<String> items) throws InvalidValue {
    throw new InvalidValue("a list");
  }

  /** Parses a YAML sequence of mappings of scalars; only record-list types accept one. */
  default T fromMappings(List<Map<String, String>> items) throws InvalidValue {
    throw new InvalidValue("a list of mappings");
  }
}
