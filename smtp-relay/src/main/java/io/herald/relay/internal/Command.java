package io.herald.relay.internal;

import io.herald.relay.Address;
import java.util.Map;
import java.util.Optional;

/**
 * One parsed SMTP command line. Each record's javadoc gives the grammar it was parsed from (RFC
 * 5321 section 4.1.1 unless noted).
 */
public sealed interface Command {

  /** {@code "EHLO" SP ( Domain / address-literal ) CRLF}. */
  record Ehlo(String clientName) implements Command {}

  /** {@code "HELO" SP Domain CRLF}. */
  record Helo(String clientName) implements Command {}

  /** {@code "MAIL FROM:" Reverse-path [SP Mail-parameters] CRLF}; parameter keys upper case. */
  record Mail(Address sender, Map<String, String> parameters) implements Command {}

  /**
   * {@code "RCPT TO:" ( "<Postmaster@" Domain ">" / "<Postmaster>" / Forward-path ) [SP
   * Rcpt-parameters] CRLF}.
   */
  record Rcpt(Address recipient, Map<String, String> parameters) implements Command {}

  /** {@code "DATA" CRLF}. */
  record Data() implements Command {}

  /** {@code "RSET" CRLF}. */
  record Rset() implements Command {}

  /** {@code "NOOP" [ SP String ] CRLF}. */
  record Noop() implements Command {}

  /** {@code "QUIT" CRLF}. */
  record Quit() implements Command {}

  /** {@code "VRFY" SP String CRLF}; always answered 252, never verified. */
  record Vrfy() implements Command {}

  /** {@code "HELP" [ SP String ] CRLF}. */
  record Help() implements Command {}

  /** {@code "STARTTLS" CRLF} (RFC 3207). */
  record StartTls() implements Command {}

  /**
   * {@code "AUTH" SP sasl-mech [SP initial-response] CRLF} (RFC 4954); an initial response of
   * {@code =} means an empty one.
   */
  record Auth(String mechanism, Optional<String> initialResponse) implements Command {}
}
