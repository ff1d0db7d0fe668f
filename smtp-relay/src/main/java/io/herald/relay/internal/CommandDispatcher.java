package io.herald.relay.internal;

import io.herald.relay.Envelope;
import io.herald.relay.RelaySettings;
import io.herald.relay.Reply;
import io.herald.relay.Session;
import io.herald.relay.internal.SessionState.Authenticating;
import io.herald.relay.internal.SessionState.InTransaction;
import io.herald.relay.internal.SessionState.ReceivingData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;

/**
 * The session state machine: what each command means in each {@link SessionState} (RFC 5321 section
 * 4.1.4 for the order, RFC 2034 for the enhanced codes). It decides and replies; the {@link
 * SmtpSession} carries the bytes and the blocking calls.
 */
final class CommandDispatcher {

  static final Reply BAD_SEQUENCE = new Reply(503, "5.5.1", "Bad sequence of commands");
  static final Reply TOO_MANY_ERRORS = new Reply(421, "4.7.0", "Too many errors, closing");
  static final Reply TOO_MANY_COMMANDS = new Reply(421, "4.7.0", "Too many commands, closing");
  static final Reply TOO_MANY_RECIPIENTS = new Reply(452, "4.5.3", "Too many recipients");
  static final Reply UNSUPPORTED_PARAMETER =
      new Reply(555, "5.5.4", "MAIL FROM/RCPT TO parameters not recognized or not implemented");
  private static final Reply BYE = new Reply(221, "2.0.0", "Bye");
  private static final Reply START_DATA = new Reply(354, "", "End data with <CR><LF>.<CR><LF>");

  private final RelayRuntime runtime;
  private final RelaySettings settings;
  private final SessionContext session;
  private final SmtpSession io;
  private final AuthExchange auth;
  private final TraceHeader trace;

  CommandDispatcher(RelayRuntime runtime, SessionContext session, SmtpSession io) {
    this.runtime = runtime;
    this.settings = runtime.settings();
    this.session = session;
    this.io = io;
    this.auth = new AuthExchange(runtime, session, io, this);
    this.trace = new TraceHeader(settings.serverName(), runtime.clock());
  }

  void greet() {
    io.reply(new Reply(220, "", settings.serverName() + " ESMTP Herald relay ready"));
  }

  /** One complete line outside DATA: a command, or a response during AUTH. */
  void line(String line) {
    if (session.state() instanceof Authenticating authenticating) {
      auth.respond(authenticating, line);
      return;
    }
    if (!session.countCommand(settings.maxCommands())) {
      io.replyAndClose(TOO_MANY_COMMANDS);
      return;
    }
    Command command;
    try {
      command = CommandParser.parse(line);
    } catch (SyntaxException e) {
      error(e.reply());
      return;
    }
    switch (command) {
      case Command.Ehlo ehlo -> greeted(ehlo.clientName(), true);
      case Command.Helo helo -> greeted(helo.clientName(), false);
      case Command.Mail mail -> mail(mail);
      case Command.Rcpt rcpt -> rcpt(rcpt);
      case Command.Data data -> data();
      case Command.Rset rset -> reset(Reply.OK);
      case Command.Noop noop -> io.reply(Reply.OK);
      case Command.Quit quit -> io.replyAndClose(BYE);
      case Command.Vrfy vrfy ->
          io.reply(new Reply(252, "2.0.0", "Cannot VRFY user, but will accept message"));
      case Command.Help help ->
          io.reply(
              new Reply(
                  214,
                  "2.0.0",
                  "Commands: EHLO HELO MAIL RCPT DATA RSET NOOP QUIT VRFY HELP STARTTLS AUTH"));
      case Command.StartTls startTls -> startTls();
      case Command.Auth authCommand -> auth(authCommand);
    }
  }

  /** A command line longer than the maximum; it was discarded. */
  void lineTooLong() {
    if (session.state() instanceof Authenticating) {
      session.state(new SessionState.Ready());
    }
    error(SmtpSession.LINE_TOO_LONG);
  }

  /** A chunk of message content after 354. */
  void content(ReceivingData data, LineChunk chunk) {
    DataReceiver receiver = data.receiver();
    if (receiver.accept(chunk)) {
      finishMessage(data);
    } else if (receiver.refusal().isEmpty() && receiver.body().spillDue()) {
      SpooledBody body = receiver.body();
      byte[] bytes = body.takeMemory();
      io.offload(
          () -> {
            body.spill(bytes);
            return Boolean.TRUE;
          },
          Boolean.FALSE,
          written -> {
            if (!written) {
              receiver.refuse(Reply.INSUFFICIENT_STORAGE);
            }
          });
    }
  }

  /** The connection closed: drop a message in progress. Called on the event loop, not busy. */
  void connectionClosed() {
    if (session.state() instanceof ReceivingData data) {
      SpooledBody body = data.receiver().body();
      session.state(new SessionState.Closing());
      try {
        runtime.blocking().execute(body::delete);
      } catch (RejectedExecutionException e) {
        body.delete();
      }
    }
  }

  /** Answers an error and closes the connection when there were too many. */
  void error(Reply reply) {
    io.reply(reply);
    if (!session.countError(settings.maxErrors())) {
      io.replyAndClose(TOO_MANY_ERRORS);
    }
  }

  private void greeted(String clientName, boolean extended) {
    session.greeted(clientName, extended);
    if (!extended) {
      io.reply(new Reply(250, "", settings.serverName() + " Hello " + clientName));
      return;
    }
    List<String> lines = new ArrayList<>();
    lines.add(settings.serverName() + " Hello " + clientName);
    lines.add("SIZE " + settings.maxMessageSize());
    lines.add("PIPELINING");
    lines.add("8BITMIME");
    lines.add("SMTPUTF8");
    lines.add("ENHANCEDSTATUSCODES");
    if (runtime.tls().isPresent() && !session.tlsActive()) {
      lines.add("STARTTLS");
    }
    if (runtime.authAllowed(session.tlsActive())) {
      lines.add("AUTH PLAIN LOGIN");
    }
    io.reply(new Reply(250, "", String.join("\n", lines)));
  }

  private void mail(Command.Mail mail) {
    if (!(session.state() instanceof SessionState.Ready)) {
      error(session.greeted() ? BAD_SEQUENCE : new Reply(503, "5.5.1", "Send EHLO or HELO first"));
      return;
    }
    Reply refused = checkMailParameters(mail.parameters());
    if (refused != null) {
      error(refused);
      return;
    }
    Session snapshot = session.snapshot();
    io.offload(
        () -> runtime.backend().mailFrom(snapshot, mail.sender(), mail.parameters()),
        Reply.TEMPORARY_FAILURE,
        reply -> {
          if (reply.positive()) {
            session.state(
                new InTransaction(new Envelope(mail.sender(), mail.parameters(), List.of())));
          }
          io.reply(reply);
        });
  }

  private Reply checkMailParameters(Map<String, String> parameters) {
    if (!parameters.isEmpty() && !session.extended()) {
      return UNSUPPORTED_PARAMETER;
    }
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      String value = parameter.getValue();
      switch (parameter.getKey()) {
        case "SIZE" -> {
          if (!value.matches("[0-9]{1,18}")) {
            return new Reply(501, "5.5.4", "Bad SIZE parameter");
          }
          if (Long.parseLong(value) > settings.maxMessageSize()) {
            return DataReceiver.TOO_BIG;
          }
        }
        case "BODY" -> {
          String body = value.toUpperCase(Locale.ROOT);
          if (!body.equals("7BIT") && !body.equals("8BITMIME")) {
            return new Reply(501, "5.5.4", "BODY must be 7BIT or 8BITMIME");
          }
        }
        case "AUTH" -> {
          // RFC 4954 section 5: accepted and passed on; the backend may use it or not.
        }
        case "SMTPUTF8" -> {
          if (!value.isEmpty()) {
            return new Reply(501, "5.5.4", "SMTPUTF8 takes no value");
          }
        }
        default -> {
          return UNSUPPORTED_PARAMETER;
        }
      }
    }
    return null;
  }

  private void rcpt(Command.Rcpt rcpt) {
    if (!(session.state() instanceof InTransaction transaction)) {
      error(new Reply(503, "5.5.1", "Need MAIL before RCPT"));
      return;
    }
    if (!rcpt.parameters().isEmpty()) {
      error(UNSUPPORTED_PARAMETER);
      return;
    }
    Envelope envelope = transaction.envelope();
    if (!rcpt.recipient().ascii() && !envelope.mailParameters().containsKey("SMTPUTF8")) {
      error(CommandParser.NEEDS_SMTPUTF8); // RFC 6531 section 3.4
      return;
    }
    if (envelope.recipients().contains(rcpt.recipient())) {
      io.reply(Reply.RECIPIENT_OK);
      return;
    }
    if (envelope.recipients().size() >= settings.maxRecipients()) {
      io.reply(TOO_MANY_RECIPIENTS);
      return;
    }
    Session snapshot = session.snapshot();
    io.offload(
        () -> runtime.backend().recipient(snapshot, rcpt.recipient()),
        Reply.TEMPORARY_FAILURE,
        reply -> {
          if (reply.positive()) {
            session.state(new InTransaction(envelope.withRecipient(rcpt.recipient())));
          }
          io.reply(reply);
        });
  }

  private void data() {
    if (!(session.state() instanceof InTransaction transaction)) {
      error(new Reply(503, "5.5.1", "Need MAIL and RCPT before DATA"));
      return;
    }
    if (transaction.envelope().recipients().isEmpty()) {
      error(new Reply(554, "5.5.1", "No valid recipients"));
      return;
    }
    SpooledBody body = new SpooledBody(settings.spoolDirectory(), settings.bodyMemoryThreshold());
    String header = trace.received(session);
    DataReceiver receiver = new DataReceiver(settings.maxMessageSize(), body, header);
    session.state(new ReceivingData(transaction.envelope(), receiver));
    io.reply(START_DATA);
  }

  private void finishMessage(ReceivingData data) {
    session.state(new SessionState.Ready());
    DataReceiver receiver = data.receiver();
    SpooledBody body = receiver.body();
    Optional<Reply> refusal = receiver.refusal();
    Session snapshot = session.snapshot();
    io.offload(
        () -> {
          try {
            if (refusal.isPresent()) {
              return refusal.get();
            }
            body.finish();
            return runtime.backend().message(snapshot, data.envelope(), body);
          } finally {
            body.delete();
          }
        },
        Reply.TEMPORARY_FAILURE,
        io::reply);
  }

  private void reset(Reply reply) {
    session.state(session.greeted() ? new SessionState.Ready() : new SessionState.Fresh());
    io.reply(reply);
  }

  private void startTls() {
    if (runtime.tls().isEmpty()) {
      error(new Reply(454, "4.7.0", "TLS not available"));
    } else if (session.tlsActive()) {
      error(new Reply(503, "5.5.1", "TLS already active"));
    } else if (session.state() instanceof InTransaction) {
      error(new Reply(503, "5.5.1", "STARTTLS not allowed during a mail transaction"));
    } else {
      io.startTls(runtime.tls().get());
    }
  }

  private void auth(Command.Auth command) {
    if (!runtime.authAllowed(session.tlsActive())) {
      error(AuthExchange.NEEDS_TLS);
    } else if (!session.greeted() || !session.extended()) {
      error(new Reply(503, "5.5.1", "Send EHLO first"));
    } else if (session.authenticated()) {
      error(new Reply(503, "5.5.1", "Already authenticated"));
    } else if (session.state() instanceof InTransaction) {
      error(new Reply(503, "5.5.1", "AUTH not allowed during a mail transaction"));
    } else {
      auth.start(command);
    }
  }
}
