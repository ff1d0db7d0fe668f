package io.herald.bench;

import io.herald.channel.sms.sim.SmscSimulator;
import io.herald.channel.sms.smpp.ShortMessageText;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The SMPP server of the SMS scenario, in a JVM of its own so that its CPU and memory are counted
 * on neither side: Herald's {@link SmscSimulator} (every {@code submit_sm} answered, a {@code
 * DELIVRD} receipt sent for each at once), to which Herald and then the reference submit in the
 * same run ({@code no-receipts}: none). It prints {@code ready port=…}, then reads commands on
 * standard input, one a line: {@code stats} prints what was submitted since the previous {@code
 * stats} ({@link Shape}), {@code stop} (or the end of input) closes it.
 */
final class SmscServer {
  private SmscServer() {}

  /**
   * @param noReceipts sends no receipts (to see what they cost either side)
   */
  static void run(boolean noReceipts) throws Exception {
    try (SmscSimulator smsc = SmscSimulator.start(ReferenceSms.SYSTEM_ID, ReferenceSms.PASSWORD);
        BufferedReader commands =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      if (noReceipts) {
        smsc.noReceipts();
      }
      System.out.println("ready port=" + smsc.port());
      System.out.flush();
      int seen = 0;
      for (String line = commands.readLine();
          line != null && !line.equals("stop");
          line = commands.readLine()) {
        if (line.equals("stats")) {
          List<SmscSimulator.Submitted> all = smsc.submitted();
          System.out.println(Shape.of(all.subList(seen, all.size())).line(smsc.maxInFlight()));
          System.out.flush();
          seen = all.size();
        }
      }
    }
  }

  /**
   * What a batch of {@code submit_sm} looked like: how many, how many SMS they were (a part with no
   * UDH, or the first part of a concatenated one, starts an SMS), the data coding of the first, and
   * the average {@code short_message} size at each part position (UDH included), which the
   * reference then sends.
   */
  record Shape(int submits, int sms, int dataCoding, int[] sizes) {
    static Shape of(List<SmscSimulator.Submitted> batch) {
      int sms = 0;
      long[] bytes = new long[16];
      long[] counts = new long[16];
      for (SmscSimulator.Submitted s : batch) {
        int position = s.udh().length == 0 ? 1 : s.udh()[s.udh().length - 1];
        if (position == 1) {
          sms++;
        }
        if (position >= 1 && position <= bytes.length) {
          bytes[position - 1] += s.udh().length + encodedLength(s);
          counts[position - 1]++;
        }
      }
      int parts = 0;
      while (parts < counts.length && counts[parts] > 0) {
        parts++;
      }
      int[] sizes = new int[parts];
      for (int p = 0; p < parts; p++) {
        sizes[p] = (int) Math.round((double) bytes[p] / counts[p]);
      }
      return new Shape(
          batch.size(), sms, batch.isEmpty() ? 0 : batch.getFirst().dataCoding(), sizes);
    }

    private static int encodedLength(SmscSimulator.Submitted s) {
      if (s.dataCoding() == 0x08) {
        return s.text().getBytes(StandardCharsets.UTF_16BE).length;
      }
      byte[] gsm = ShortMessageText.gsm7Septets(s.text());
      return gsm != null ? gsm.length : s.text().length();
    }

    String line(int maxInFlight) {
      StringBuilder sizeList = new StringBuilder();
      for (int size : sizes) {
        sizeList.append(sizeList.isEmpty() ? "" : ",").append(size);
      }
      return "submits=%d sms=%d coding=0x%02X sizes=%s max_in_flight=%d"
          .formatted(submits, sms, dataCoding, sizeList.isEmpty() ? "0" : sizeList, maxInFlight);
    }
  }
}
