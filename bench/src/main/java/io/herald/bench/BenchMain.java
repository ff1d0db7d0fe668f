package io.herald.bench;

import io.herald.canary.CanaryLimits;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Entry point of the bench jar; {@code bench/run} calls it once per measured step, each in its own
 * JVM so that every step gets the same heap limit and a cold start is not hidden.
 *
 * <ul>
 *   <li>{@code generate ROWS DIR}: writes {@code contacts-ROWS.csv} and {@code .xlsx} (once);
 *   <li>{@code herald-import FILE DATA_DIR}: Herald's whole import into an embedded Redis;
 *   <li>{@code reference-parse FILE}: a bare Commons CSV or POI streaming parse of the same file;
 *   <li>{@code herald-campaign COUNT SINK_PORT CONNECTIONS DATA_DIR [dkim|plain [WARMUP]]}: a
 *       campaign to an SMTP sink, DKIM-signed (RSA 2048) with the key of the account's sending
 *       domain — every campaign is since sending domains (issue 11), so {@code dkim} and {@code
 *       plain} measure the same; with WARMUP, an untimed campaign to that many other recipients is
 *       delivered first in the same JVM;
 *   <li>{@code herald-relay RELAY_PORT SINK_PORT CONNECTIONS DATA_DIR STOP_FILE}: a node with its
 *       SMTP relay on a loopback port (127.0.0.1 trusted as one account), delivering to a sink,
 *       until STOP_FILE exists; {@code bench/run} times {@code smtp-source} against it;
 *   <li>{@code canary [RUNS [SEED [CONFIDENCE]]]}: the canary scorer over simulated lists (default
 *       2000 runs per cell, seed 20260302, the default limits; CONFIDENCE replaces theirs for a
 *       sensitivity run), a Markdown table and a summary line;
 *   <li>{@code bounces CORPUS_DIR}: the feedback parser over the labelled bounce corpus, a Markdown
 *       table per label and a summary line;
 *   <li>{@code content}: the prohibited-content classifier over the labelled set of campaigns,
 *       Markdown tables (development part, held-out part, both), the misread campaigns and a
 *       summary line;
 *   <li>{@code smsc [no-receipts]}: the SMSC simulator both sides of the SMS scenario submit to,
 *       driven by commands on standard input ({@link SmscServer});
 *   <li>{@code herald-sms COUNT HOST PORT CONNECTIONS WINDOW DATA_DIR [WARMUP [WORKERS]]}: an SMS
 *       campaign to COUNT phones over CONNECTIONS SMPP connections of WINDOW outstanding submits
 *       each, after an untimed one to WARMUP other phones, with WORKERS sending workers (default
 *       one per window slot);
 *   <li>{@code reference-sms HOST PORT COUNT WARMUP CONNECTIONS WINDOW DATA_CODING PART_SIZES}: a
 *       bare jSMPP client submitting COUNT SMS (after WARMUP untimed ones) whose parts have the
 *       given {@code short_message} sizes (comma-separated bytes, e.g. {@code 153,40}).
 * </ul>
 *
 * Each measuring step prints one line {@code rows=… seconds=…}.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      usage();
      return;
    }
    switch (args[0]) {
      case "generate" -> ContactFiles.generate(Long.parseLong(args[1]), Path.of(args[2]));
      case "herald-import" -> HeraldImport.run(Path.of(args[1]), Path.of(args[2]));
      case "reference-parse" -> ReferenceParse.run(Path.of(args[1]));
      case "herald-campaign" ->
          HeraldCampaign.run(
              Long.parseLong(args[1]),
              args.length > 6 ? Long.parseLong(args[6]) : 0,
              Integer.parseInt(args[2]),
              Integer.parseInt(args[3]),
              Path.of(args[4]));
      case "herald-relay" ->
          HeraldRelay.run(
              Integer.parseInt(args[1]),
              Integer.parseInt(args[2]),
              Integer.parseInt(args[3]),
              Path.of(args[4]),
              Path.of(args[5]));
      case "canary" ->
          CanarySimulation.run(
              args.length > 1 ? Integer.parseInt(args[1]) : 2000,
              args.length > 2 ? Long.parseLong(args[2]) : 20260302L,
              args.length > 3
                  ? CanaryLimits.defaults().withConfidence(Double.parseDouble(args[3]))
                  : CanaryLimits.defaults());
      case "bounces" -> BounceCorpus.run(Path.of(args[1]));
      case "content" -> ContentCorpus.run();
      case "smsc" -> SmscServer.run(args.length > 1 && args[1].equals("no-receipts"));
      case "herald-sms" ->
          HeraldSms.run(
              Long.parseLong(args[1]),
              args.length > 7 ? Long.parseLong(args[7]) : 0,
              args[2],
              Integer.parseInt(args[3]),
              Integer.parseInt(args[4]),
              Integer.parseInt(args[5]),
              args.length > 8 ? Integer.parseInt(args[8]) : 0,
              Path.of(args[6]));
      case "reference-sms" ->
          ReferenceSms.run(
              args[1],
              Integer.parseInt(args[2]),
              Long.parseLong(args[3]),
              Long.parseLong(args[4]),
              Integer.parseInt(args[5]),
              Integer.parseInt(args[6]),
              (byte) Integer.decode(args[7]).intValue(),
              Arrays.stream(args[8].split(",")).mapToInt(Integer::parseInt).toArray());
      default -> usage();
    }
  }

  private static void usage() {
    System.err.println(
        "usage: generate ROWS DIR | herald-import FILE DATA_DIR | reference-parse FILE"
            + " | herald-campaign COUNT SINK_PORT CONNECTIONS DATA_DIR [dkim|plain [WARMUP]]"
            + " | herald-relay RELAY_PORT SINK_PORT CONNECTIONS DATA_DIR STOP_FILE"
            + " | canary [RUNS [SEED [CONFIDENCE]]] | bounces CORPUS_DIR"
            + " | smsc [no-receipts] | herald-sms COUNT HOST PORT CONNECTIONS WINDOW DATA_DIR [WARMUP [WORKERS]]"
            + " | reference-sms HOST PORT COUNT WARMUP CONNECTIONS WINDOW DATA_CODING PART_SIZES");
    System.exit(2);
  }
}
