package io.herald.audience;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.account.AccountId;
import io.herald.app.HeraldNode;
import io.herald.config.HeraldConfig;
import io.herald.importers.ContactFileReader;
import io.herald.importers.ImportLimits;
import io.herald.importers.ImportOptions;
import io.herald.policy.JurisdictionPolicy;
import io.herald.testing.Await;
import io.herald.testing.MutableClock;
import io.herald.testing.TestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import whose reading dies of an {@link Error} (the shipped jar missing a class the XLSX reader
 * needs threw NoClassDefFoundError) ends failed at once, with its reason, and leaves the list as it
 * was: it does not stay "running" until the stall watchdog gives up on it. The clock never moves
 * here, so the watchdog cannot be what ends it.
 */
class ImportFailureTest {
  private static final String MISSING =
      "org/apache/poi/xssf/eventusermodel/XSSFSheetXMLHandler$SheetContentsHandler";

  @TempDir static Path data;
  @TempDir Path files;
  static HeraldNode node;
  static AccountId account;
  static final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T08:00:00Z"));
  static final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  @BeforeAll
  static void start() throws Exception {
    HeraldConfig config = TestNode.config(data);
    node = HeraldNode.start(config, Optional.of(TestNode.ADMIN_TOKEN), clock);
    account = node.accounts().create("Broken Reader Ltd").account().id();
  }

  @AfterAll
  static void stop() {
    executor.close();
    node.close();
  }

  /** Imports as the node wires them, but reading files with {@code reader}. */
  private static Imports importsReadingWith(ContactFiles reader) {
    return new Imports(
        node.audience(),
        reader,
        new JurisdictionPolicy(List.of()),
        clock,
        new SecureRandom(), // job and list ids must not repeat between the tests
        "You subscribed.",
        executor,
        2);
  }

  private Path csv(String name, int rows) throws Exception {
    List<String> lines = new ArrayList<>(List.of("email"));
    for (int i = 0; i < rows; i++) {
      lines.add(name + i + "@example.com");
    }
    return Files.write(files.resolve(name + ".csv"), lines, UTF_8);
  }

  private static ImportJob startAndAwaitEnd(Imports imports, String list, Path file)
      throws Exception {
    ImportJob started =
        imports.start(
            new ImportRequest(
                account, list, file, file.getFileName().toString(), Optional.empty(), false));
    return Await.until(
        () -> imports.find(account, started.id()).orElseThrow(),
        job -> !(job.status() instanceof ImportStatus.Running));
  }

  @Test
  void aReaderThatThrowsAnErrorEndsTheJobFailedWithItsReason() throws Exception {
    Imports imports =
        importsReadingWith(
            (file, name, sink) -> {
              throw new NoClassDefFoundError(MISSING);
            });

    ImportJob ended = startAndAwaitEnd(imports, "never", csv("never", 3));

    assertThat(ended.status())
        .isInstanceOfSatisfying(
            ImportStatus.Failed.class,
            f ->
                assertThat(f.reason())
                    .startsWith("import failed: internal error in Herald (NoClassDefFoundError")
                    .contains(MISSING)
                    .doesNotContain("\n"));
    assertThat(node.audience().findList(account, "never")).isEmpty();
  }

  @Test
  void anErrorAfterBatchesWereStagedLeavesTheListAsItWas() throws Exception {
    Path seed = csv("kept", 5);
    assertThat(
            node.imports()
                .runNow(
                    new ImportRequest(account, "kept", seed, "kept.csv", Optional.empty(), false))
                .status())
        .isInstanceOf(ImportStatus.Completed.class);
    ContactFileReader real =
        new ContactFileReader(new ImportOptions("UA", UTF_8, ImportLimits.defaults()));
    Imports imports =
        importsReadingWith(
            (file, name, sink) ->
                real.read(
                    file,
                    name,
                    row -> {
                      if (row.rowNumber() > 2500) { // two batches of 1000 are staged by now
                        throw new StackOverflowError("deep in a reader");
                      }
                      sink.accept(row);
                    }));

    ImportJob ended = startAndAwaitEnd(imports, "kept", csv("more", 3000));

    assertThat(ended.status()).isInstanceOf(ImportStatus.Failed.class);
    assertThat(node.audience().findList(account, "kept").orElseThrow().members()).isEqualTo(5);
    assertThat(node.imports().find(account, ended.id()).orElseThrow().status())
        .isInstanceOf(ImportStatus.Failed.class);
  }
}
