package io.herald.delivery.smtp;

/**
 * How a smarthost connection is protected: not at all ({@code NONE}, for a local sink), upgraded
 * with {@code STARTTLS} (required: a server that does not offer it is not used), or TLS from the
 * first byte ({@code TLS}, "implicit TLS", usually port 465).
 */
public enum TlsMode {
  NONE,
  STARTTLS,
  TLS
}
