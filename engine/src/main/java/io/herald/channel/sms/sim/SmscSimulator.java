package io.herald.channel.sms.sim;

import io.herald.channel.sms.ReceiptState;
import io.herald.channel.sms.smpp.ShortMessageText;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.MessageState;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;
import org.jsmpp.util.MessageId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small SMSC on jSMPP's server side, for tests, {@code ./herald demo} and {@code bench/run sms}:
 * it listens on 127.0.0.1 (a port the system picks), accepts transceiver binds with one system id
 * and password, answers every {@code submit_sm} with a message id, records what it was sent, and
 * sends delivery receipts (both TLVs and the text form) after a delay with an outcome per
 * destination number. Scriptable misbehaviour: throttling ({@code ESME_RTHROTTLED}) every Nth
 * submit, for the next N or for a while, queue full ({@code ESME_RMSGQFUL}), refused numbers,
 * dropped connections, responses held back, receipts before the {@code submit_sm_resp}, twice or
 * never; and messages from phones (MO) sent to a bound session.
 */
public final class SmscSimulator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SmscSimulator.class);
  private static final DateTimeFormatter RECEIPT_DATE =
      DateTimeFormatter.ofPattern("yyMMddHHmm").withZone(ZoneOffset.UTC);

  /**
   * One {@code submit_sm} as received: the id it was answered with, the addresses with their
   * TON/NPI, the coding, the user data header (empty without UDHI), the decoded text, whether a
   * receipt was asked for and the validity period ("" when none).
   */
  public record Submitted(
      String messageId,
      String source,
      int sourceTon,
      int sourceNpi,
      String destination,
      int dataCoding,
      byte[] udh,
      String text,
      boolean receiptRequested,
      String validity) {}

  /** Which parts of a receipt the simulator sends. */
  public enum ReceiptForm {
    TLV_AND_TEXT,
    TEXT_ONLY,
    TLV_ONLY
  }

  private final String systemId;
  private final String password;
  private final Clock clock;
  private final ServerSocket socket;
  private final SMPPServerSessionListener listener;
  private final Behaviour behaviour = new Behaviour();
  private final Set<SMPPServerSession> sessions = ConcurrentHashMap.newKeySet();
  private final List<Submitted> submitted = new CopyOnWriteArrayList<>();
  private final Map<String, Submitted> awaitingResponse = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(0x5F000000L);
  private final AtomicInteger submits = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final AtomicInteger binds = new AtomicInteger();
  private final AtomicInteger refusedBinds = new AtomicInteger();
  private final Thread acceptor;
  private volatile boolean closed;

  /** Behaviours a test changes while the simulator runs. */
  private static final class Behaviour {
    volatile Function<String, ReceiptState> receipts = number -> ReceiptState.DELIVERED;
    volatile Duration receiptDelay = Duration.ZERO;
    volatile ReceiptForm receiptForm = ReceiptForm.TLV_AND_TEXT;
    volatile boolean receiptBeforeResponse;
    volatile boolean receiptTwice;
    volatile int throttleEvery;
    volatile Instant throttleUntil = Instant.MIN;
    final AtomicInteger throttleNext = new AtomicInteger();
    final AtomicInteger queueFullNext = new AtomicInteger();
    final Map<String, Integer> refused = new ConcurrentHashMap<>();
    volatile CountDownLatch held;
  }

  /** Starts listening, with the system clock. */
  public static SmscSimulator start(String systemId, String password) throws IOException {
    return new SmscSimulator(systemId, password, Clock.systemUTC());
  }

  public SmscSimulator(String systemId, String password, Clock clock) throws IOException {
    this.systemId = Objects.requireNonNull(systemId, "systemId");
    this.password = Objects.requireNonNull(password, "password");
    this.clock = clock;
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.listener = new SMPPServerSessionListener(0, loopback(socket));
    listener.setPduProcessorDegree(32); // a held or slow submit must not hold up the others
    listener.setQueueCapacity(1_000);
    listener.setMessageReceiverListener(new SubmitHandler(this));
    listener.setResponseDeliveryListener(new ResponseSentHandler(this));
    this.acceptor = Thread.ofPlatform().daemon().name("smsc-simulator-accept").start(this::accept);
  }

  private static ServerConnectionFactory loopback(ServerSocket socket) {
    return new ServerConnectionFactory() {
      @Override
      public ServerConnection listen(int port) {
        return new ServerSocketConnection(socket);
      }

      @Override
      public ServerConnection listen(int port, int timeout) throws IOException {
        socket.setSoTimeout(timeout);
        return listen(port);
      }

      @Override
      public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
        return listen(port, timeout);
      }
    };
  }

  public String host() {
    return "127.0.0.1";
  }

  public int port() {
    return socket.getLocalPort();
  }

  public String systemId() {
    return systemId;
  }

  public String password() {
    return password;
  }

  // --- behaviours ------------------------------------------------------------------------

  /** The receipt each destination number gets; {@code null} from the function sends none. */
  public SmscSimulator receipts(Function<String, ReceiptState> outcomeByNumber) {
    behaviour.receipts = Objects.requireNonNull(outcomeByNumber);
    return this;
  }

  /** Sends no receipts at all. */
  public SmscSimulator noReceipts() {
    return receipts(number -> null);
  }

  public SmscSimulator receiptDelay(Duration delay) {
    behaviour.receiptDelay = delay;
    return this;
  }

  public SmscSimulator receiptForm(ReceiptForm form) {
    behaviour.receiptForm = form;
    return this;
  }

  /** Sends each receipt before answering the {@code submit_sm} it is for. */
  public SmscSimulator receiptBeforeResponse(boolean on) {
    behaviour.receiptBeforeResponse = on;
    return this;
  }

  /** Sends every receipt twice. */
  public SmscSimulator receiptTwice(boolean on) {
    behaviour.receiptTwice = on;
    return this;
  }

  /** Answers every Nth {@code submit_sm} with {@code ESME_RTHROTTLED}; 0 stops it. */
  public SmscSimulator throttleEvery(int n) {
    behaviour.throttleEvery = n;
    return this;
  }

  /** Answers the next {@code count} {@code submit_sm} with {@code ESME_RTHROTTLED}. */
  public SmscSimulator throttleNext(int count) {
    behaviour.throttleNext.set(count);
    return this;
  }

  /** Answers every {@code submit_sm} with {@code ESME_RTHROTTLED} for a while (on the clock). */
  public SmscSimulator throttleFor(Duration period) {
    behaviour.throttleUntil = clock.instant().plus(period);
    return this;
  }

  /** Answers the next {@code count} {@code submit_sm} with {@code ESME_RMSGQFUL}. */
  public SmscSimulator queueFullNext(int count) {
    behaviour.queueFullNext.set(count);
    return this;
  }

  /** Answers every {@code submit_sm} to {@code number} (as sent, without +) with a status. */
  public SmscSimulator refuse(String number, int commandStatus) {
    behaviour.refused.put(number, commandStatus);
    return this;
  }

  /** Holds every {@code submit_sm}'s response back until {@link #releaseResponses()}. */
  public SmscSimulator holdResponses() {
    behaviour.held = new CountDownLatch(1);
    return this;
  }

  public SmscSimulator releaseResponses() {
    CountDownLatch held = behaviour.held;
    behaviour.held = null;
    if (held != null) {
      held.countDown();
    }
    return this;
  }

  /** Cuts every connection at once, without an unbind (as a network failure would). */
  public void dropConnections() {
    sessions.forEach(SMPPServerSession::close);
    sessions.clear();
  }

  /** Sends a message from a phone ({@code from}, E.164) to {@code to} on a bound session. */
  public void sendMo(String from, String to, String text) throws IOException {
    SMPPServerSession session =
        sessions.stream()
            .filter(s -> s.getSessionState().isBound())
            .findFirst()
            .orElseThrow(() -> new IOException("no bound session to send the MO on"));
    byte[] gsm = ShortMessageText.gsm7Septets(text);
    try {
      session.deliverShortMessage(
          "",
          TypeOfNumber.INTERNATIONAL,
          NumberingPlanIndicator.ISDN,
          from.replace("+", ""),
          to.matches("\\+?[0-9]+") ? TypeOfNumber.INTERNATIONAL : TypeOfNumber.ALPHANUMERIC,
          NumberingPlanIndicator.UNKNOWN,
          to.replace("+", ""),
          new ESMClass(0),
          (byte) 0,
          (byte) 0,
          new RegisteredDelivery(0),
          DataCodings.newInstance(gsm != null ? (byte) 0x00 : (byte) 0x08),
          gsm != null ? gsm : text.getBytes(StandardCharsets.UTF_16BE));
    } catch (Exception e) {
      throw new IOException("MO not delivered: " + e.getMessage(), e);
    }
  }

  // --- observations ----------------------------------------------------------------------

  /** Every {@code submit_sm} answered with a message id, in arrival order. */
  public List<Submitted> submitted() {
    return List.copyOf(submitted);
  }

  /** Every {@code submit_sm} received, answered or not. */
  public int submitsReceived() {
    return submits.get();
  }

  /** The most {@code submit_sm} awaiting their response at the same time so far. */
  public int maxInFlight() {
    return maxInFlight.get();
  }

  public int inFlight() {
    return inFlight.get();
  }

  public int binds() {
    return binds.get();
  }

  public int refusedBinds() {
    return refusedBinds.get();
  }

  public int boundSessions() {
    return (int) sessions.stream().filter(s -> s.getSessionState().isBound()).count();
  }

  // --- the SMSC --------------------------------------------------------------------------

  private void accept() {
    while (!closed) {
      try {
        SMPPServerSession session = listener.accept();
        Thread.ofVirtual().name("smsc-simulator-bind").start(() -> bind(session));
      } catch (IOException e) {
        if (!closed) {
          log.warn("SMSC simulator: accept failed: {}", e.getMessage());
        }
      }
    }
  }

  private void bind(SMPPServerSession session) {
    try {
      BindRequest request = session.waitForBind(10_000);
      if (request.getBindType() != BindType.BIND_TRX) {
        refusedBinds.incrementAndGet();
        request.reject(SMPPConstant.STAT_ESME_RBINDFAIL);
      } else if (!systemId.equals(request.getSystemId())) {
        refusedBinds.incrementAndGet();
        request.reject(SMPPConstant.STAT_ESME_RINVSYSID);
      } else if (!password.equals(request.getPassword())) {
        refusedBinds.incrementAndGet();
        request.reject(SMPPConstant.STAT_ESME_RINVPASWD);
      } else {
        request.accept("herald-sim");
        sessions.add(session);
        binds.incrementAndGet();
      }
    } catch (Exception e) {
      log.info("SMSC simulator: no bind on a new connection: {}", e.getMessage());
      session.close();
    }
  }

  /** The answer to one {@code submit_sm}: a message id, or a status thrown as an exception. */
  MessageId onSubmit(SubmitSm pdu, SMPPServerSession session) throws ProcessRequestException {
    int n = submits.incrementAndGet();
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try {
      awaitRelease();
      refuseIfScripted(pdu, n);
      Submitted record = record(pdu, nextId());
      submitted.add(record);
      if (record.receiptRequested() && behaviour.receiptBeforeResponse) {
        sendReceipts(record, session);
      } else if (record.receiptRequested()) {
        awaitingResponse.put(record.messageId(), record);
      }
      return new MessageId(record.messageId());
    } catch (org.jsmpp.PDUStringException e) {
      throw new ProcessRequestException("bad message id", SMPPConstant.STAT_ESME_RSYSERR);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  /** The {@code submit_sm_resp} went out: its receipts may follow. */
  void onResponseSent(String messageId, SMPPServerSession session) {
    Submitted record = awaitingResponse.remove(messageId);
    if (record == null) {
      return;
    }
    Thread.ofVirtual()
        .name("smsc-simulator-receipt")
        .start(
            () -> {
              try {
                Thread.sleep(behaviour.receiptDelay); // the simulator's own pacing, not a test's
                sendReceipts(record, session);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
  }

  private void awaitRelease() {
    CountDownLatch held = behaviour.held;
    if (held != null) {
      try {
        held.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void refuseIfScripted(SubmitSm pdu, int n) throws ProcessRequestException {
    Integer refused = behaviour.refused.get(pdu.getDestAddress());
    if (refused != null) {
      throw new ProcessRequestException("refused", refused);
    }
    int every = behaviour.throttleEvery;
    if ((every > 0 && n % every == 0)
        || behaviour.throttleNext.getAndUpdate(c -> Math.max(0, c - 1)) > 0
        || clock.instant().isBefore(behaviour.throttleUntil)) {
      throw new ProcessRequestException("throttled", SMPPConstant.STAT_ESME_RTHROTTLED);
    }
    if (behaviour.queueFullNext.getAndUpdate(c -> Math.max(0, c - 1)) > 0) {
      throw new ProcessRequestException("queue full", SMPPConstant.STAT_ESME_RMSGQFUL);
    }
  }

  private String nextId() {
    return Long.toHexString(ids.incrementAndGet()).toUpperCase(java.util.Locale.ROOT);
  }

  private static Submitted record(SubmitSm pdu, String messageId) {
    byte[] sm = pdu.getShortMessage() == null ? new byte[0] : pdu.getShortMessage();
    boolean udhi = (pdu.getEsmClass() & 0x40) != 0;
    byte[] udh =
        udhi && sm.length > 0 ? java.util.Arrays.copyOf(sm, 1 + (sm[0] & 0xFF)) : new byte[0];
    return new Submitted(
        messageId,
        pdu.getSourceAddr(),
        pdu.getSourceAddrTon(),
        pdu.getSourceAddrNpi(),
        pdu.getDestAddress(),
        pdu.getDataCoding() & 0xFF,
        udh,
        ShortMessageText.decode(pdu.getDataCoding(), sm, udhi),
        (pdu.getRegisteredDelivery() & 0x03) != 0,
        pdu.getValidityPeriod() == null ? "" : pdu.getValidityPeriod());
  }

  private void sendReceipts(Submitted record, SMPPServerSession session) {
    ReceiptState state = behaviour.receipts.apply(record.destination());
    if (state == null) {
      return;
    }
    int times = behaviour.receiptTwice ? 2 : 1;
    for (int i = 0; i < times; i++) {
      try {
        sendReceipt(record, state, session);
      } catch (Exception e) {
        log.info(
            "SMSC simulator: receipt for {} not delivered: {}", record.messageId(), e.getMessage());
      }
    }
  }

  private void sendReceipt(Submitted record, ReceiptState state, SMPPServerSession session)
      throws Exception {
    ReceiptForm form = behaviour.receiptForm;
    String date = RECEIPT_DATE.format(clock.instant());
    String text =
        "id:%s sub:001 dlvrd:%s submit date:%s done date:%s stat:%s err:%s text:%s"
            .formatted(
                record.messageId(),
                state == ReceiptState.DELIVERED ? "001" : "000",
                date,
                date,
                statWord(state),
                state == ReceiptState.DELIVERED ? "000" : "001",
                record.text().substring(0, Math.min(20, record.text().length())));
    OptionalParameter[] tlvs =
        form == ReceiptForm.TEXT_ONLY
            ? new OptionalParameter[0]
            : new OptionalParameter[] {
              new OptionalParameter.Receipted_message_id(record.messageId()),
              new OptionalParameter.Message_state(MessageState.valueOf(state.name()).value())
            };
    session.deliverShortMessage(
        "",
        TypeOfNumber.INTERNATIONAL,
        NumberingPlanIndicator.ISDN,
        record.destination(),
        TypeOfNumber.valueOf((byte) record.sourceTon()),
        NumberingPlanIndicator.valueOf((byte) record.sourceNpi()),
        record.source(),
        new ESMClass(0x04),
        (byte) 0,
        (byte) 0,
        new RegisteredDelivery(0),
        DataCodings.ZERO,
        form == ReceiptForm.TLV_ONLY ? new byte[0] : text.getBytes(StandardCharsets.US_ASCII),
        tlvs);
  }

  private static String statWord(ReceiptState state) {
    return switch (state) {
      case DELIVERED -> "DELIVRD";
      case UNDELIVERABLE -> "UNDELIV";
      case REJECTED -> "REJECTD";
      case ACCEPTED -> "ACCEPTD";
      case ENROUTE, EXPIRED, DELETED, UNKNOWN -> state.name();
    };
  }

  @Override
  public void close() {
    closed = true;
    releaseResponses();
    sessions.forEach(SMPPServerSession::unbindAndClose);
    sessions.clear();
    try {
      listener.close();
    } catch (IOException e) {
      log.debug("SMSC simulator: close: {}", e.getMessage());
    }
    acceptor.interrupt();
  }
}
