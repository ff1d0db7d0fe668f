package io.herald.audience;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.account.AccountId;
import io.herald.app.HeraldNode;
import io.herald.config.HeraldConfig;
import io.herald.config.ImportConfig;
import io.herald.testing.MutableClock;
import io.herald.testing.TestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import either commits whole or changes nothing, even when it breaks off after thousands of
 * rows were already staged, and two imports never interleave in one list.
 */
class ImportAtomicityTest {
  private static final int MAX_ROWS = 2500;

  @TempDir static Path data;
  @TempDir Path files;
  static HeraldNode node;
  static AccountId account;
  static MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));

  @BeforeAll
  static void start() throws Exception {
    HeraldConfig base = TestNode.config(data);
    ImportConfig i = base.imports();
    ImportConfig small =
        new ImportConfig(
            i.defaultRegion(),
            i.fallbackCharset(),
            i.maxFileBytes(),
            MAX_ROWS,
            i.maxCellChars(),
            i.maxLineChars(),
            i.maxExpansionRatio(),
            i.maxUncompressedBytes(),
            i.consentStatement());
    node = HeraldNode.start(base.withImports(small), Optional.of(TestNode.ADMIN_TOKEN), clock);
    account = node.accounts().create("Atomic Ltd").account().id();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private Path file(String name, int rows, String prefix) throws Exception {
    List<String> lines = new ArrayList<>(List.of("email"));
    for (int i = 0; i < rows; i++) {
      lines.add(prefix + i + "@example.com");
    }
    return Files.write(files.resolve(name), lines, UTF_8);
  }

  private ImportJob runNow(String list, Path file) throws ImportRefused {
    return node.imports()
        .runNow(
            new ImportRequest(
                account, list, file, file.getFileName().toString(), Optional.empty(), false));
  }

  private List<String> members(String list) {
    ContactList found = node.audience().findList(account, list).orElseThrow();
    List<String> keys = new ArrayList<>();
    node.audience().forEachMember(account, found.id(), c -> keys.add(c.key()));
    return keys.stream().sorted().toList();
  }

  @Test
  void aFileRefusedAfterSeveralStagedBatchesChangesNothing() throws Exception {
    ImportJob first = runNow("big", file("first.csv", 1500, "first"));
    assertThat(first.status()).isInstanceOf(ImportStatus.Completed.class);
    List<String> before = members("big");

    ImportJob tooLong = runNow("big", file("too-long.csv", MAX_ROWS + 10, "second"));

    assertThat(tooLong.status()).isInstanceOf(ImportStatus.Refused.class);
    assertThat(((ImportStatus.Refused) tooLong.status()).reason())
        .contains(Integer.toString(MAX_ROWS));
    assertThat(members("big")).isEqualTo(before).hasSize(1500);
  }

  @Test
  void aSecondImportIntoABusyListIsRefusedAsAConflict() throws Exception {
    runNow("busy", file("seed.csv", 1, "seed"));
    ImportJob holder = running("00000000000000aa", "busy", "held.csv");
    ContactList proposed =
        new ContactList("00000000000000bb", "busy", 0, "x", clock.instant(), clock.instant());
    try (ImportSession held = node.audience().openImport(account, proposed, holder).orElseThrow()) {
      assertThatThrownBy(() -> runNow("BUSY", file("other.csv", 1, "other")))
          .isInstanceOfSatisfying(ImportRefused.class, e -> assertThat(e.conflict()).isTrue());
    }
    assertThat(runNow("busy", file("after.csv", 1, "after")).status())
        .isInstanceOf(ImportStatus.Completed.class);
  }

  @Test
  void theListIsFreeOnceAnImportReadsRefused() throws Exception {
    // A client that sees "refused" starts its next import at once: the lock must already be gone
    // then, not only when the refused import's thread gets round to closing its session.
    ImportJob refused = running("00000000000000ee", "retry", "bad.xlsx");
    ContactList proposed =
        new ContactList("00000000000000ff", "retry", 0, "x", clock.instant(), clock.instant());
    try (ImportSession session =
        node.audience().openImport(account, proposed, refused).orElseThrow()) {
      session.abandon(new ImportStatus.Refused("not a workbook"), ImportCounts.NONE);
      assertThat(node.imports().find(account, refused.id()).orElseThrow().status())
          .isInstanceOf(ImportStatus.Refused.class);
      assertThat(runNow("retry", file("good.csv", 1, "good")).status())
          .isInstanceOf(ImportStatus.Completed.class);
    }
  }

  @Test
  void anImportWhoseNodeStoppedIsReportedAsFailedAfterAWhile() throws Exception {
    ImportJob stalled = running("00000000000000cc", "stalled", "s.csv");
    ContactList proposed =
        new ContactList("00000000000000dd", "stalled", 0, "x", clock.instant(), clock.instant());
    try (ImportSession session =
        node.audience().openImport(account, proposed, stalled).orElseThrow()) {
      assertThat(node.imports().find(account, stalled.id()).orElseThrow().status())
          .isInstanceOf(ImportStatus.Running.class);
      clock.advance(Duration.ofMinutes(6));
      assertThat(node.imports().find(account, stalled.id()).orElseThrow().status())
          .isInstanceOf(ImportStatus.Failed.class);
    }
  }

  @Test
  void consentIsRecordedWithSourceTimeAndStatement() throws Exception {
    Path file = file("consent.csv", 1, "consent");
    ImportJob job =
        node.imports()
            .runNow(
                new ImportRequest(
                    account,
                    "consented",
                    file,
                    "consent.csv",
                    Optional.of("You subscribed on acme.example"),
                    false));
    ContactList list = node.audience().findList(account, "consented").orElseThrow();
    List<Consent> consents = new ArrayList<>();
    node.audience().forEachMember(account, list.id(), c -> consents.add(c.consent()));

    assertThat(consents)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.source()).isEqualTo("import " + job.id() + " of consent.csv");
              assertThat(c.at()).isEqualTo(clock.instant());
              assertThat(c.statement()).isEqualTo("You subscribed on acme.example");
            });
  }

  /** A job as an import opens it: running, nothing read yet. */
  private ImportJob running(String id, String list, String file) {
    return new ImportJob(
        id,
        list,
        file,
        "",
        "",
        "",
        new ImportStatus.Running(0),
        ImportCounts.NONE,
        clock.instant(),
        clock.instant());
  }
}
