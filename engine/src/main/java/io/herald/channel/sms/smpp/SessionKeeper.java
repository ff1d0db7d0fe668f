package io.herald.channel.sms.smpp;

import io.herald.config.SmscConfig;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLSocketFactory;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.socket.SocketConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one SMSC connection's jSMPP session bound as a transceiver: a virtual thread binds, waits
 * until the session is lost (an unbind, a close, an I/O error, enquire_link going unanswered), and
 * binds again after a backoff that starts at {@code reconnectMinBackoff}, doubles with each failed
 * attempt up to {@code reconnectMaxBackoff} and is jittered by up to 20% either way. Senders only
 * ever read the current session; none of them waits for a bind.
 */
final class SessionKeeper implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SessionKeeper.class);

  private final SmscConfig config;
  private final MessageReceiverListener inbound;
  private final SmppMetrics metrics;
  private final RandomGenerator random;
  private final Object lifecycle = new Object();
  private volatile SMPPSession session; // null while not bound
  private volatile String lastError = "";
  private volatile boolean closed;
  private Thread keeper;

  SessionKeeper(
      SmscConfig config,
      MessageReceiverListener inbound,
      SmppMetrics metrics,
      RandomGenerator random) {
    this.config = config;
    this.inbound = inbound;
    this.metrics = metrics;
    this.random = random;
  }

  /** Starts binding (and keeping bound) in the background. */
  void start() {
    synchronized (lifecycle) {
      if (keeper == null && !closed) {
        keeper = Thread.ofVirtual().name("smpp-" + config.name()).start(this::keepBound);
      }
    }
  }

  /** The bound session, or null while there is none. */
  SMPPSession bound() {
    SMPPSession s = session;
    return s != null && s.getSessionState().isBound() ? s : null;
  }

  /** Why the last bind failed or the connection was lost, "" when it never was. */
  String lastError() {
    return lastError;
  }

  /** Remembers why a submit failed on the session (the loop notices the loss itself). */
  void failed(String why) {
    lastError = why;
  }

  /** The keeper's loop: bind, wait until the session is lost, back off, bind again. */
  private void keepBound() {
    Duration backoff = config.reconnectMinBackoff();
    while (!closed) {
      try {
        if (bindAndWait()) {
          backoff = config.reconnectMinBackoff(); // it was bound: start again from the minimum
        }
        if (closed) {
          return;
        }
        Duration wait = jitter(backoff);
        log.info("SMSC {}: binding again in {} ms", config.name(), wait.toMillis());
        Thread.sleep(wait);
        backoff = min(backoff.multipliedBy(2), config.reconnectMaxBackoff());
      } catch (InterruptedException e) {
        return; // closed
      }
    }
  }

  /** One session's life; true when it was bound before it ended. */
  private boolean bindAndWait() throws InterruptedException {
    SMPPSession s = newSession();
    CountDownLatch lost = new CountDownLatch(1);
    s.addSessionStateListener(
        (now, before, source) -> {
          if (!now.isNotClosed() || (before.isBound() && !now.isBound())) {
            lost.countDown();
          }
        });
    try {
      s.connectAndBind(
          config.host(), config.port(), bindParameter(), config.bindTimeout().toMillis());
    } catch (IOException e) {
      s.close();
      lastError = "bind failed: " + bindFailure(e);
      metrics.reconnect(config.name(), false);
      log.warn(
          "SMSC {} ({}:{}, systemId {}): bind failed: {}",
          config.name(),
          config.host(),
          config.port(),
          config.systemId(),
          bindFailure(e));
      return false;
    }
    synchronized (lifecycle) {
      if (closed) {
        s.unbindAndClose();
        return true;
      }
      session = s;
    }
    metrics.reconnect(config.name(), true);
    log.info("SMSC {} ({}:{}) bound as transceiver", config.name(), config.host(), config.port());
    try {
      lost.await();
    } finally {
      session = null;
      s.close();
    }
    if (!closed) {
      lastError = "connection lost";
      log.warn("SMSC {} ({}:{}): connection lost", config.name(), config.host(), config.port());
    }
    return true;
  }

  private SMPPSession newSession() {
    SMPPSession s = new SMPPSession(this::connect);
    s.setEnquireLinkTimer((int) config.enquireLinkEvery().toMillis());
    s.setTransactionTimer(config.responseTimeout().toMillis());
    // Incoming PDUs (submit responses and receipts alike) wait here for the processing threads;
    // jSMPP answers a deliver_sm it cannot queue with ESME_RTHROTTLED, so the queue holds a burst
    // of receipts, and several threads handle them (a receipt makes Redis round trips) so that
    // submit responses do not wait behind them.
    s.setQueueCapacity(Math.max(1_000, config.window() * 100));
    s.setPduProcessorDegree(Math.max(3, Math.min(32, config.window())));
    s.setMessageReceiverListener(inbound);
    return s;
  }

  /**
   * A connection with Nagle's algorithm off (jSMPP leaves it on): a PDU written while the previous
   * one is unacknowledged would otherwise wait for the peer's delayed ACK — measured in the SMS
   * bench, a window of 10 ran 2.4 times slower.
   */
  private Connection connect(String host, int port) throws IOException {
    Socket socket =
        config.tls()
            ? SSLSocketFactory.getDefault().createSocket(host, port)
            : new Socket(host, port);
    socket.setTcpNoDelay(true);
    return new SocketConnection(socket);
  }

  private BindParameter bindParameter() {
    return new BindParameter(
        BindType.BIND_TRX,
        config.systemId(),
        config.password(),
        config.systemType(),
        TypeOfNumber.UNKNOWN,
        NumberingPlanIndicator.UNKNOWN,
        null);
  }

  /** The bind's failure in words: the SMSC's status by name when it answered one. */
  private static String bindFailure(IOException e) {
    if (e.getCause() instanceof NegativeResponseException refused) {
      String hint =
          switch (refused.getCommandStatus()) {
            case 0x0E, 0x0F -> "; check the connection's systemId and password";
            default -> "";
          };
      return "the SMSC refused it with " + SubmitStatus.describe(refused.getCommandStatus()) + hint;
    }
    return e.getMessage();
  }

  /** Up to 20% off or on, so that connections cut at once do not all come back at once. */
  private Duration jitter(Duration base) {
    double factor = 0.8 + 0.4 * random.nextDouble();
    return Duration.ofMillis(Math.max(1, (long) (base.toMillis() * factor)));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  @Override
  public void close() {
    Thread k;
    synchronized (lifecycle) {
      closed = true;
      k = keeper;
    }
    SMPPSession s = session;
    if (s != null) {
      s.unbindAndClose();
    }
    if (k != null) {
      k.interrupt();
    }
  }
}
