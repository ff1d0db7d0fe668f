package io.herald.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.feedback.FeedbackReport.Bounce;
import io.herald.feedback.FeedbackReport.Complaint;
import io.herald.feedback.FeedbackReport.Ignored;
import io.herald.feedback.FeedbackReport.Unrecognised;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The labelled corpus in {@code src/test/resources/bounces/<label>/}: mails written in the shapes
 * MTAs and mailbox providers are documented and widely seen to send (Postfix, Exim, Sendmail,
 * qmail, Courier, Exchange and Office 365, Gmail, Yahoo, Outlook.com, Mail.ru, Yandex, ukr.net,
 * OpenSMTPD, carriers' gateways, auto-replies, feedback loops), each delivered to Ann's signed
 * bounce address as the relay hands it over. Every mail must be read as its folder says: {@code
 * hard}, {@code soft}, {@code policy} (bounces of that kind), {@code complaint}, {@code auto-reply}
 * (ignored, never a bounce) or {@code not-a-bounce} (ignored or unrecognised). {@code bench/run
 * bounces} prints the same figures.
 */
class BounceCorpusTest {
  static final List<String> LABELS =
      List.of("hard", "soft", "policy", "not-a-bounce", "complaint", "auto-reply");
  static final List<String> BOUNCES = List.of("hard", "soft", "policy");

  final FeedbackParser parser = new FeedbackParser(Samples.SIGNER);

  record Case(String label, String file) {
    @Override
    public String toString() {
      return label + "/" + file;
    }
  }

  static Stream<Arguments> corpus() {
    return cases().stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void eachMailIsReadAsLabelled(Case mail) {
    FeedbackReport report = read(mail);
    assertThat(labelOf(report)).as("%s read as %s", mail, report).isEqualTo(mail.label());
    if (report instanceof Bounce bounce) {
      assertThat(bounce.ref()).isEqualTo(Samples.ANN_BY_NUMBER);
      assertThat(bounce.finalRecipient())
          .as("%s names the address that failed, not ours", mail)
          .contains("@")
          .doesNotContain("bounces+", "shop.example.com");
    }
  }

  @Test
  void theCorpusIsLargeAndMeetsTheIssuesGoals() {
    List<Case> cases = cases();
    Map<String, Long> perLabel =
        cases.stream().collect(Collectors.groupingBy(Case::label, Collectors.counting()));
    assertThat(cases).hasSizeGreaterThanOrEqualTo(100);
    assertThat(perLabel.keySet()).containsExactlyInAnyOrderElementsOf(LABELS);
    assertThat(perLabel.get("hard")).as("honest: many hard bounces").isGreaterThanOrEqualTo(30);

    List<String> bounces = new ArrayList<>();
    List<String> read = new ArrayList<>();
    for (Case mail : cases) {
      if (BOUNCES.contains(mail.label())) {
        bounces.add(mail.label());
        read.add(labelOf(read(mail)));
      }
    }
    assertThat(share(bounces, read, l -> true, r -> BOUNCES.contains(r)))
        .as("bounces recognised")
        .isGreaterThanOrEqualTo(0.95);
    assertThat(share(bounces, read, l -> !l.equals("hard"), r -> r.equals("hard")))
        .as("bounces that are not hard called hard")
        .isLessThanOrEqualTo(0.01);
    assertThat(share(bounces, read, l -> l.equals("hard"), r -> !r.equals("hard")))
        .as("hard bounces missed")
        .isLessThanOrEqualTo(0.10);
  }

  /** Of the mails whose label passes {@code among}, the share whose reading passes {@code test}. */
  static double share(
      List<String> labels, List<String> read, Predicate<String> among, Predicate<String> test) {
    int whole = 0;
    int part = 0;
    for (int i = 0; i < labels.size(); i++) {
      if (among.test(labels.get(i))) {
        whole++;
        part += test.test(read.get(i)) ? 1 : 0;
      }
    }
    return whole == 0 ? 0 : (double) part / whole;
  }

  FeedbackReport read(Case mail) {
    Map<String, String> values = Samples.genuine();
    byte[] bytes = Samples.filled("/bounces/" + mail.label() + "/" + mail.file(), values);
    return parser.parse(new ByteArrayInputStream(bytes), Optional.of(values.get("BOUNCE_TO")));
  }

  static String labelOf(FeedbackReport report) {
    return switch (report) {
      case Bounce b -> b.kind().name().toLowerCase(Locale.ROOT);
      case Complaint c -> "complaint";
      case Ignored i when i.reason().startsWith("auto-reply") -> "auto-reply";
      case Ignored i -> "not-a-bounce";
      case Unrecognised u -> "not-a-bounce";
    };
  }

  static List<Case> cases() {
    try {
      Path root = Path.of(BounceCorpusTest.class.getResource("/bounces").toURI());
      List<Case> cases = new ArrayList<>();
      for (String label : LABELS) {
        try (Stream<Path> files = Files.list(root.resolve(label))) {
          files
              .map(p -> p.getFileName().toString())
              .filter(name -> name.endsWith(".eml"))
              .sorted()
              .forEach(name -> cases.add(new Case(label, name)));
        }
      }
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
