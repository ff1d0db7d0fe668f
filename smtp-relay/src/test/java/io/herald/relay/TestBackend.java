package io.herald.relay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A backend as the engine would write one, small enough to read in a test: one user, local domain
 * {@code herald.test} open to everyone, every other domain only for authenticated or trusted
 * senders, {@code %} and {@code !} refused. Accepted messages are kept in memory.
 */
public final class TestBackend implements RelayBackend {

  /** The test principal. */
  public record Account(String getName) implements Principal {}

  /** A message the backend accepted, with the session it came from. */
  public record Received(Session session, Envelope envelope, String content) {}

  public static final String USER = "alice";
  public static final String PASSWORD = "s3cret pass";
  public static final String LOCAL_DOMAIN = "herald.test";

  private final List<Received> messages = new CopyOnWriteArrayList<>();
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final List<Thread> callers = new CopyOnWriteArrayList<>();

  @Override
  public Optional<Principal> authenticate(String user, String password, ConnectionInfo connection) {
    calls.add("authenticate " + user);
    callers.add(Thread.currentThread());
    return USER.equals(user) && PASSWORD.equals(password)
        ? Optional.of(new Account(user))
        : Optional.empty();
  }

  @Override
  public Optional<Principal> trusted(ConnectionInfo connection) {
    calls.add("trusted " + connection.remote().getAddress().getHostAddress());
    callers.add(Thread.currentThread());
    return Optional.of(new Account("trusted-tool"));
  }

  @Override
  public Reply mailFrom(Session session, Address sender, Map<String, String> parameters) {
    calls.add("mailFrom " + sender);
    callers.add(Thread.currentThread());
    return Reply.SENDER_OK;
  }

  @Override
  public Reply recipient(Session session, Address recipient) {
    calls.add("recipient " + recipient);
    callers.add(Thread.currentThread());
    if (recipient.hasRoutingCharacters()) {
      return Reply.RELAY_DENIED;
    }
    if (recipient.domainLowerCase().equals(LOCAL_DOMAIN) || session.principal().isPresent()) {
      return Reply.RECIPIENT_OK;
    }
    return Reply.RELAY_DENIED;
  }

  @Override
  public Reply message(Session session, Envelope envelope, MessageBody body) {
    calls.add("message " + envelope.recipients());
    callers.add(Thread.currentThread());
    try (InputStream in = body.openStream()) {
      String content = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      if (content.length() != body.size()) {
        throw new IllegalStateException("size " + body.size() + " but read " + content.length());
      }
      messages.add(new Received(session, envelope, content));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Reply.QUEUED;
  }

  /** Messages accepted so far, in order. */
  public List<Received> messages() {
    return List.copyOf(messages);
  }

  /** The threads the backend was called on, one per call. */
  public List<Thread> callers() {
    return List.copyOf(callers);
  }

  /** The backend calls made so far, one line each. */
  public List<String> calls() {
    return List.copyOf(calls);
  }
}
