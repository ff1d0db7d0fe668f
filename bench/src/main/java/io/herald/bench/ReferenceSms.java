package io.herald.bench;

import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.session.connection.socket.SocketConnection;

/**
 * The reference side of the SMS scenario: a bare jSMPP client, nothing of Herald. It binds {@code
 * connections} transceiver sessions to the SMPP server and submits {@code count} SMS with {@code
 * window} {@code submit_sm} outstanding on each session (one virtual thread per slot of the window,
 * each waiting for its {@code submit_sm_resp} before the next, as jSMPP's synchronous submit does),
 * asking for receipts; each SMS has the parts Herald's messages had (their {@code short_message}
 * sizes and data coding, with a concatenation UDH when there are several), so the server does the
 * same work for both sides. Receipts are counted as they arrive. Timed from the first submit to the
 * last response; then it waits (bounded) for every receipt and says how long that took.
 */
final class ReferenceSms {
  /** The credentials of the bench's SMPP server, the same for Herald and the reference. */
  static final String SYSTEM_ID = "bench";

  static final String PASSWORD = "bench-pw";

  /** The warm-up's phones, apart from the measured ones (as Herald's warm-up list). */
  static final long WARM_UP_PHONES = 5_000_000;

  private static final int INBOUND_QUEUE = 100_000;

  private static final Duration RECEIPT_WAIT = Duration.ofSeconds(60);

  private ReferenceSms() {}

  /**
   * @param warmUp SMS submitted first, untimed, on the same sessions (to other numbers), as Herald
   *     gets a warm-up campaign
   * @param partSizes the {@code short_message} length in bytes of each part of one SMS, UDH
   *     included
   */
  static void run(
      String host,
      int port,
      long count,
      long warmUp,
      int connections,
      int window,
      byte dataCoding,
      int[] partSizes)
      throws Exception {
    AtomicLong receipts = new AtomicLong();
    List<SMPPSession> sessions = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      sessions.add(bind(host, port, receipts));
    }
    List<byte[]> parts = parts(partSizes);
    if (warmUp > 0) {
      Batch warm = submitAll(sessions, window, WARM_UP_PHONES, warmUp, dataCoding, parts);
      awaitReceipts(receipts, warm.submitted() * parts.size());
      System.err.printf("bench: reference warm-up of %d in %.1f s%n", warmUp, warm.seconds());
    }
    long receiptsBefore = receipts.get();
    long cpu = ProcessCpu.nanos();
    long start = System.nanoTime();
    Batch timed = submitAll(sessions, window, 0, count, dataCoding, parts);
    awaitReceipts(receipts, receiptsBefore + timed.submitted() * parts.size());
    double receiptSeconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (ProcessCpu.nanos() - cpu) / 1e9;
    for (SMPPSession session : sessions) {
      session.unbindAndClose();
    }
    System.out.printf(
        "rows=%d seconds=%.3f cpu_seconds=%.1f parts=%d failed=%d receipts=%d"
            + " receipts_seconds=%.3f%n",
        timed.submitted(),
        timed.seconds(),
        cpuSeconds,
        timed.submitted() * parts.size(),
        timed.failed(),
        receipts.get() - receiptsBefore,
        receiptSeconds);
  }

  private record Batch(long submitted, long failed, double seconds) {}

  /** Submits SMS to phones {@code first} to {@code first + count - 1}; timed to the last answer. */
  private static Batch submitAll(
      List<SMPPSession> sessions,
      int window,
      long first,
      long count,
      byte dataCoding,
      List<byte[]> parts)
      throws InterruptedException {
    AtomicLong next = new AtomicLong();
    AtomicLong submitted = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    List<Thread> senders = new ArrayList<>();
    long start = System.nanoTime();
    for (SMPPSession session : sessions) {
      for (int w = 0; w < window; w++) {
        senders.add(
            Thread.ofVirtual()
                .start(
                    () -> {
                      for (long i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        if (submit(session, first + i, dataCoding, parts)) {
                          submitted.incrementAndGet();
                        } else {
                          failed.incrementAndGet();
                        }
                      }
                    }));
      }
    }
    for (Thread sender : senders) {
      sender.join();
    }
    return new Batch(submitted.get(), failed.get(), (System.nanoTime() - start) / 1e9);
  }

  /** Waits (bounded) until {@code expected} receipts have arrived in all. */
  private static void awaitReceipts(AtomicLong receipts, long expected) {
    long deadline = System.nanoTime() + RECEIPT_WAIT.toNanos();
    while (receipts.get() < expected && System.nanoTime() < deadline) {
      LockSupport.parkNanos(10_000_000);
    }
  }

  private static SMPPSession bind(String host, int port, AtomicLong receipts) throws Exception {
    // jSMPP leaves Nagle's algorithm on: a PDU written while the previous one is unacknowledged
    // waits for the peer's delayed ACK, which made a window of 1 six times slower here.
    SMPPSession session =
        new SMPPSession(
            (h, p) -> {
              Socket socket = new Socket(h, p);
              socket.setTcpNoDelay(true);
              return new SocketConnection(socket);
            });
    session.setTransactionTimer(30_000);
    // Incoming PDUs (responses and receipts) wait in this queue for jSMPP's processing threads;
    // when it is full jSMPP answers a receipt with ESME_RTHROTTLED, so it holds what can arrive.
    session.setQueueCapacity(INBOUND_QUEUE);
    session.setMessageReceiverListener(
        new MessageReceiverListener() {
          @Override
          public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
            // A receipt's text is what a real client would read; counting it is all the reference
            // does with it (jSMPP answers deliver_sm_resp when this returns).
            if (deliverSm.isSmscDeliveryReceipt()) {
              receipts.incrementAndGet();
            }
          }

          @Override
          public void onAcceptAlertNotification(AlertNotification alertNotification) {}

          @Override
          public DataSmResult onAcceptDataSm(DataSm dataSm, Session source)
              throws ProcessRequestException {
            throw new ProcessRequestException("data_sm is not used", 0x03);
          }
        });
    session.connectAndBind(
        host,
        port,
        new BindParameter(
            BindType.BIND_TRX,
            SYSTEM_ID,
            PASSWORD,
            "",
            TypeOfNumber.UNKNOWN,
            NumberingPlanIndicator.UNKNOWN,
            null),
        10_000);
    return session;
  }

  /** One SMS, all its parts in order; false when the server refused one or did not answer. */
  private static boolean submit(SMPPSession session, long i, byte dataCoding, List<byte[]> parts) {
    String to = BenchPhones.digits(i);
    try {
      for (byte[] part : parts) {
        session.submitShortMessage(
            "",
            TypeOfNumber.ALPHANUMERIC,
            NumberingPlanIndicator.UNKNOWN,
            "BenchRef",
            TypeOfNumber.INTERNATIONAL,
            NumberingPlanIndicator.ISDN,
            to,
            new ESMClass(parts.size() > 1 ? 0x40 : 0x00),
            (byte) 0,
            (byte) 0,
            null,
            null,
            new RegisteredDelivery(1),
            (byte) 0,
            DataCodings.newInstance(dataCoding),
            (byte) 0,
            part);
      }
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  /**
   * Parts of the given sizes: with several, each starts with a 6-byte concatenation UDH (reference
   * 0x42, count, sequence) as Herald's do; the rest is filler text.
   */
  static List<byte[]> parts(int[] sizes) {
    List<byte[]> parts = new ArrayList<>();
    for (int p = 0; p < sizes.length; p++) {
      byte[] part = new byte[sizes[p]];
      Arrays.fill(part, (byte) 'a');
      if (sizes.length > 1) {
        byte[] udh = {0x05, 0x00, 0x03, 0x42, (byte) sizes.length, (byte) (p + 1)};
        System.arraycopy(udh, 0, part, 0, Math.min(udh.length, part.length));
      }
      parts.add(part);
    }
    return parts;
  }
}
