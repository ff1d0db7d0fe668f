package io.herald.bench;

import io.herald.feedback.FeedbackParser;
import io.herald.feedback.FeedbackReport;
import io.herald.tracking.TokenSigner;
import io.herald.tracking.VerpAddress;
import io.herald.tracking.VerpToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Runs Herald's feedback parser over the labelled bounce corpus ({@code
 * engine/src/test/resources/bounces/<label>/*.eml}: hard, soft, policy, not-a-bounce, complaint,
 * auto-reply) as the relay would hand each mail over — delivered to a signed VERP bounce address —
 * and prints a Markdown table per label, the misread files, and one summary line with the three
 * figures the issue sets goals for: bounces recognised, non-hard bounces called hard, hard bounces
 * missed. Uses only the parser's public API, so the same class can be run against an older engine.
 */
final class BounceCorpus {
  private static final List<String> LABELS =
      List.of("hard", "soft", "policy", "not-a-bounce", "complaint", "auto-reply");
  private static final List<String> BOUNCES = List.of("hard", "soft", "policy");

  private BounceCorpus() {}

  /** One mail's label and what the parser made of it. */
  private record Verdict(String file, String label, String read) {
    boolean bounce() {
      return BOUNCES.contains(read);
    }
  }

  static void run(Path corpus) throws IOException {
    TokenSigner signer =
        new TokenSigner("bench-bounce-corpus-key-0123456789".getBytes(StandardCharsets.US_ASCII));
    String bounceTo =
        VerpAddress.encode(
            signer, new VerpToken("00112233445566ff", "a0b1c2d3e4f50617", 42), "bounces.example");
    FeedbackParser parser = new FeedbackParser(signer);
    List<Verdict> verdicts = new ArrayList<>();
    for (String label : LABELS) {
      for (Path file : files(corpus.resolve(label))) {
        String mail =
            Files.readString(file, StandardCharsets.UTF_8)
                .replace("\r\n", "\n")
                .replace("\n", "\r\n")
                .replace("${BOUNCE_TO}", bounceTo);
        FeedbackReport report =
            parser.parse(
                new ByteArrayInputStream(mail.getBytes(StandardCharsets.UTF_8)),
                Optional.of(bounceTo));
        verdicts.add(new Verdict(file.getFileName().toString(), label, read(report)));
      }
    }
    print(verdicts);
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
    }
  }

  /** The corpus's label for what the parser said. */
  private static String read(FeedbackReport report) {
    return switch (report) {
      case FeedbackReport.Bounce b -> b.kind().name().toLowerCase(Locale.ROOT);
      case FeedbackReport.Complaint c -> "complaint";
      case FeedbackReport.Ignored i when i.reason().startsWith("auto-reply") -> "auto-reply";
      case FeedbackReport.Ignored i -> "not-a-bounce";
      case FeedbackReport.Unrecognised u -> "not-a-bounce";
    };
  }

  private static void print(List<Verdict> verdicts) {
    System.out.println("| label | mails | read as labelled | read as a bounce | read as hard |");
    System.out.println("|---|---:|---:|---:|---:|");
    Map<String, List<Verdict>> byLabel = new TreeMap<>();
    for (Verdict v : verdicts) {
      byLabel.computeIfAbsent(v.label(), k -> new ArrayList<>()).add(v);
    }
    for (String label : LABELS) {
      List<Verdict> group = byLabel.getOrDefault(label, List.of());
      System.out.printf(
          "| %s | %d | %d | %d | %d |%n",
          label,
          group.size(),
          count(group, v -> v.read().equals(v.label())),
          count(group, Verdict::bounce),
          count(group, v -> v.read().equals("hard")));
    }
    System.out.println();
    List<Verdict> wrong = verdicts.stream().filter(v -> !v.read().equals(v.label())).toList();
    System.out.println(
        wrong.isEmpty()
            ? "Every mail read as labelled."
            : "Read otherwise than labelled (" + wrong.size() + "):");
    for (Verdict v : wrong) {
      System.out.printf("- `%s/%s` read as %s%n", v.label(), v.file(), v.read());
    }
    List<Verdict> bounces = verdicts.stream().filter(v -> BOUNCES.contains(v.label())).toList();
    List<Verdict> notHard = bounces.stream().filter(v -> !v.label().equals("hard")).toList();
    List<Verdict> hard = bounces.stream().filter(v -> v.label().equals("hard")).toList();
    List<Verdict> others = verdicts.stream().filter(v -> !BOUNCES.contains(v.label())).toList();
    System.out.printf(
        Locale.ROOT,
        "bounces mails=%d recognised=%.1f%% wrongly_hard=%.1f%% missed_hard=%.1f%%"
            + " non_bounces_as_bounce=%d complaints_recognised=%d/%d%n",
        verdicts.size(),
        percent(count(bounces, Verdict::bounce), bounces.size()),
        percent(count(notHard, v -> v.read().equals("hard")), notHard.size()),
        percent(count(hard, v -> !v.read().equals("hard")), hard.size()),
        count(others, Verdict::bounce),
        count(byLabel.getOrDefault("complaint", List.of()), v -> v.read().equals("complaint")),
        byLabel.getOrDefault("complaint", List.of()).size());
  }

  private static long count(List<Verdict> verdicts, java.util.function.Predicate<Verdict> test) {
    return verdicts.stream().filter(test).count();
  }

  private static double percent(long part, long whole) {
    return whole == 0 ? 0 : 100.0 * part / whole;
  }
}
