package io.herald.bench;

import io.herald.account.AccountId;
import io.herald.app.HeraldNode;
import io.herald.audience.ImportJob;
import io.herald.audience.ImportRequest;
import io.herald.audience.ImportStatus;
import io.herald.config.HeraldConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * Herald's side of the import scenario: a node on its embedded Redis imports the file into a new
 * list — parse, validate, normalise (IDN, E.164), jurisdiction and suppression checks, merge, stage
 * and commit — exactly as an upload does, minus the HTTP spool.
 */
final class HeraldImport {
  private HeraldImport() {}

  static void run(Path file, Path dataDir) throws Exception {
    HeraldConfig config = BenchNodes.config(dataDir);
    try (HeraldNode node = HeraldNode.start(config, Optional.of("bench"), Clock.systemUTC())) {
      AccountId account = node.accounts().create("bench " + System.nanoTime()).account().id();
      long start = System.nanoTime();
      ImportJob job =
          node.imports()
              .runNow(
                  new ImportRequest(
                      account,
                      "bench",
                      file,
                      file.getFileName().toString(),
                      Optional.empty(),
                      false));
      double seconds = (System.nanoTime() - start) / 1e9;
      if (!(job.status() instanceof ImportStatus.Completed completed)) {
        throw new IllegalStateException("bench import did not complete: " + job.status());
      }
      System.out.printf(
          "rows=%d seconds=%.3f accepted=%d rejected=%d%n",
          completed.rows(), seconds, job.counts().accepted(), job.counts().rejected());
    }
  }
}
