package io.herald.config;

import java.util.Locale;

/**
 * One configuration key: its dotted path, type, default and one-line documentation. The default is
 * written as text, the way an operator would write it in the file, and parsed by the key's own
 * type, so the documented default and the effective default cannot drift apart.
 *
 * @param path dotted path in the YAML file, e.g. {@code http.maxUploadBytes}
 * @param type how text becomes a value
 * @param defaultText the default as it is written in the file and the docs
 * @param doc one line for the docs and the example file
 * @param defaultValue {@code defaultText} parsed by {@code type}
 */
record ConfigKey<T>(
    String path, ValueType<T> type, String defaultText, String doc, T defaultValue) {

  static <T> ConfigKey<T> of(String path, ValueType<T> type, String defaultText, String doc) {
    try {
      return new ConfigKey<>(path, type, defaultText, doc, type.fromText(defaultText));
    } catch (InvalidValue e) {
      throw new IllegalStateException(
          path + ": default " + e.got() + " is not " + type.expected(), e);
    }
  }

  /**
   * {@code HERALD_} + the path upper-cased, dots and camelCase humps turned into underscores:
   * {@code import.maxFileBytes} → {@code HERALD_IMPORT_MAX_FILE_BYTES}.
   */
  String envName() {
    String snake = path.replace('.', '_').replaceAll("([a-z0-9])([A-Z])", "$1_$2");
    return "HERALD_" + snake.toUpperCase(Locale.ROOT);
  }

  /** The section part of the path: {@code http} for {@code http.port}, "" at the top level. */
  String parent() {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? "" : path.substring(0, dot);
  }

  /** The last part of the path: {@code port} for {@code http.port}. */
  String name() {
    return path.substring(path.lastIndexOf('.') + 1);
  }
}
