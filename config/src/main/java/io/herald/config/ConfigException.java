package io.herald.config;

/**
 * Configuration is unusable: an unknown key, a bad value, a malformed or missing file. It is a
 * checked exception because the only sensible reaction is to stop start-up and show the message to
 * the operator, and the compiler should make the caller decide where that happens. The message is
 * always one line that names the key (and the file and line, or the environment variable) and what
 * was expected, so it can be printed as-is without a stack trace.
 */
public final class ConfigException extends Exception {

  public ConfigException(String message) {
    super(message);
  }
}
