package io.herald.relay.internal;

import io.herald.relay.Envelope;

/**
 * Where a session is in the dialogue. Transitions (RFC 5321 section 4.1.4):
 *
 * <pre>
 * Fresh --EHLO/HELO--&gt; Ready --MAIL--&gt; InTransaction --RCPT*--&gt; InTransaction --DATA--&gt; ReceivingData
 * ReceivingData --"."--&gt; Ready          any --RSET--&gt; Ready (or Fresh before a greeting)
 * Ready --AUTH--&gt; Authenticating --response--&gt; Ready
 * any --STARTTLS--&gt; Fresh (RFC 3207 reset)   any --QUIT or a limit--&gt; Closing
 * </pre>
 */
sealed interface SessionState {

  /** Connected (or TLS just started); the client has not said EHLO or HELO. */
  record Fresh() implements SessionState {}

  /** Greeted, no mail transaction open. */
  record Ready() implements SessionState {}

  /** MAIL FROM accepted; recipients are collected into the envelope. */
  record InTransaction(Envelope envelope) implements SessionState {}

  /**
   * A SASL exchange waiting for the client's next base64 line.
   *
   * @param mechanism PLAIN or LOGIN
   * @param user for LOGIN after the user name was given, otherwise null
   */
  record Authenticating(String mechanism, String user) implements SessionState {}

  /** After 354: lines are message content until the lone dot. */
  record ReceivingData(Envelope envelope, DataReceiver receiver) implements SessionState {}

  /** QUIT, a limit or an error: the last reply is on its way and the connection closes. */
  record Closing() implements SessionState {}
}
