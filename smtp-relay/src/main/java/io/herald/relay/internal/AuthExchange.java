package io.herald.relay.internal;

import io.herald.relay.RelayLimit;
import io.herald.relay.Reply;
import io.herald.relay.internal.SessionState.Authenticating;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * SMTP AUTH (RFC 4954) with the PLAIN (RFC 4616) and LOGIN mechanisms, including the
 * initial-response form and cancellation with {@code *}. The credentials go to the backend on a
 * virtual thread; the session holds further input until the answer is written. Against password
 * guessing ({@link AuthFailures}): a failure is answered after a delay that grows with the client's
 * failures, and a client that failed too often is refused without asking the backend.
 *
 * <pre>
 * auth-command     = "AUTH" SP sasl-mech [SP initial-response] *(CRLF [base64]) [CRLF cancel-response] CRLF
 * PLAIN message    = [authzid] NUL authcid NUL passwd
 * </pre>
 */
final class AuthExchange {

  static final Reply SUCCESS = new Reply(235, "2.7.0", "Authentication successful");
  static final Reply FAILED = new Reply(535, "5.7.8", "Authentication credentials invalid");
  static final Reply CANCELLED = new Reply(501, "5.7.0", "Authentication cancelled");
  static final Reply BAD_BASE64 = new Reply(501, "5.5.2", "Invalid base64 data");
  static final Reply UNSUPPORTED = new Reply(504, "5.5.4", "Unrecognized authentication type");
  static final Reply TOO_MANY_FAILURES =
      new Reply(454, "4.7.0", "Too many failed authentications, try again later");
  static final Reply NEEDS_TLS =
      new Reply(538, "5.7.11", "Encryption required for requested authentication mechanism");
  private static final Reply PLAIN_CHALLENGE = new Reply(334, "", "");
  private static final Reply USERNAME = new Reply(334, "", "VXNlcm5hbWU6");
  private static final Reply PASSWORD = new Reply(334, "", "UGFzc3dvcmQ6");

  private final RelayRuntime runtime;
  private final SessionContext session;
  private final SmtpSession io;
  private final CommandDispatcher dispatcher;

  AuthExchange(
      RelayRuntime runtime, SessionContext session, SmtpSession io, CommandDispatcher dispatcher) {
    this.runtime = runtime;
    this.session = session;
    this.io = io;
    this.dispatcher = dispatcher;
  }

  /** AUTH was accepted in this state; starts the exchange for the mechanism. */
  void start(Command.Auth auth) {
    switch (auth.mechanism()) {
      case "PLAIN" -> {
        if (auth.initialResponse().isPresent()) {
          plain(auth.initialResponse().get());
        } else {
          session.state(new Authenticating("PLAIN", null));
          io.reply(PLAIN_CHALLENGE);
        }
      }
      case "LOGIN" -> {
        if (auth.initialResponse().isPresent()) {
          respond(new Authenticating("LOGIN", null), auth.initialResponse().get());
        } else {
          session.state(new Authenticating("LOGIN", null));
          io.reply(USERNAME);
        }
      }
      default -> dispatcher.error(UNSUPPORTED);
    }
  }

  /** A client line during the exchange: the next base64 response, or {@code *} to cancel. */
  void respond(Authenticating state, String line) {
    session.state(new SessionState.Ready());
    if (line.equals("*")) {
      io.reply(CANCELLED);
      return;
    }
    if (state.mechanism().equals("PLAIN")) {
      plain(line);
      return;
    }
    Optional<String> decoded = decode(line);
    if (decoded.isEmpty()) {
      dispatcher.error(BAD_BASE64);
    } else if (state.user() == null) {
      session.state(new Authenticating("LOGIN", decoded.get()));
      io.reply(PASSWORD);
    } else {
      verify(state.user(), decoded.get());
    }
  }

  private void plain(String response) {
    Optional<String> decoded = decode(response);
    if (decoded.isEmpty()) {
      dispatcher.error(BAD_BASE64);
      return;
    }
    String[] parts = decoded.get().split("\0", -1);
    // Acting for another identity (authzid) is not supported: it must be empty or the user.
    if (parts.length != 3 || !(parts[0].isEmpty() || parts[0].equals(parts[1]))) {
      dispatcher.error(FAILED);
      return;
    }
    verify(parts[1], parts[2]);
  }

  private void verify(String user, String password) {
    if (user.isEmpty()) {
      dispatcher.error(FAILED);
      return;
    }
    InetAddress client = session.connection().remote().getAddress();
    AuthFailures failures = runtime.authFailures();
    if (!failures.tryBegin(client)) {
      runtime.listener().limitReached(RelayLimit.AUTH_FAILURES, client);
      dispatcher.error(TOO_MANY_FAILURES);
      return;
    }
    io.offload(
        () -> check(user, password, client),
        new Checked(Optional.empty(), false),
        checked -> {
          if (checked.principal().isPresent()) {
            session.authenticated(checked.principal().get());
            io.reply(SUCCESS);
          } else if (checked.answered()) {
            runtime.listener().authFailed(client);
            io.delay(failures.delay(client), () -> dispatcher.error(FAILED));
          } else {
            dispatcher.error(FAILED); // the backend failed: no guess was checked, none counted
          }
        });
  }

  /** Blocking: asks the backend, and counts the outcome even when the client is gone by then. */
  private Checked check(String user, String password, InetAddress client) {
    Optional<Principal> principal = Optional.empty();
    boolean answered = false;
    try {
      principal =
          Objects.requireNonNullElse(
              runtime.backend().authenticate(user, password, session.connection()),
              Optional.empty());
      answered = true;
      return new Checked(principal, true);
    } finally {
      runtime.authFailures().end(client, answered && principal.isEmpty());
    }
  }

  /**
   * What the backend said about credentials.
   *
   * @param answered false when the backend failed (threw) instead of answering
   */
  private record Checked(Optional<Principal> principal, boolean answered) {}

  private static Optional<String> decode(String base64) {
    if (base64.equals("=")) {
      return Optional.of("");
    }
    try {
      return Optional.of(new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
