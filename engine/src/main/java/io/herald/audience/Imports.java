package io.herald.audience;

import io.herald.account.AccountId;
import io.herald.importers.FileRefusedException;
import io.herald.importers.ReadSummary;
import io.herald.paging.Page;
import io.herald.policy.JurisdictionPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports contact files into lists (R2, R3, R14). The flow: take the list's lock and stage a copy
 * of it; stream the file through the importers module; per batch drop rejects, blocked
 * jurisdictions and suppressed addresses and merge duplicates; then swap the staged copy in, all at
 * once. Whatever goes wrong before the swap leaves the list as it was. Imports run in the
 * background, a few at a time per node, and report progress through the store so any node can
 * answer for them.
 */
public final class Imports {
  private static final Logger log = LoggerFactory.getLogger(Imports.class);

  /** Longest consent statement an import may give (it is printed in every message's footer). */
  public static final int MAX_CONSENT_STATEMENT = 1000;

  // An import whose node died stops updating its job; after this long it is reported as failed.
  private static final Duration STALLED_AFTER = Duration.ofMinutes(5);

  private final AudienceStore store;
  private final ContactFiles reader;
  private final JurisdictionPolicy policy;
  private final Clock clock;
  private final RandomGenerator random;
  private final String defaultConsentStatement;
  private final Executor executor;
  private final Semaphore running;
  private final SubscriberCap cap;

  public Imports(
      AudienceStore store,
      ContactFiles reader,
      JurisdictionPolicy policy,
      Clock clock,
      RandomGenerator random,
      String defaultConsentStatement,
      Executor executor,
      int maxConcurrentImports) {
    this(
        store,
        reader,
        policy,
        clock,
        random,
        defaultConsentStatement,
        executor,
        maxConcurrentImports,
        SubscriberCap.NONE);
  }

  /** {@code cap}: refuses an import whole when it would go past the account's plan (R9). */
  public Imports(
      AudienceStore store,
      ContactFiles reader,
      JurisdictionPolicy policy,
      Clock clock,
      RandomGenerator random,
      String defaultConsentStatement,
      Executor executor,
      int maxConcurrentImports,
      SubscriberCap cap) {
    this.cap = cap;
    this.store = store;
    this.reader = reader;
    this.policy = policy;
    this.clock = clock;
    this.random = random;
    this.defaultConsentStatement = defaultConsentStatement;
    this.executor = executor;
    this.running = new Semaphore(maxConcurrentImports, true);
  }

  /** Opens the import and runs it in the background; the job returned is running. */
  public ImportJob start(ImportRequest request) throws ImportRefused {
    ImportSession session = open(request);
    ImportJob job = session.job();
    executor.execute(
        () -> {
          running.acquireUninterruptibly();
          try {
            run(request, session, job.id());
          } finally {
            running.release();
          }
        });
    return job;
  }

  /** Runs the import to its end on the calling thread and returns the finished job. */
  public ImportJob runNow(ImportRequest request) throws ImportRefused {
    ImportSession session = open(request);
    String id = session.job().id();
    run(request, session, id);
    return store.findImport(request.account(), id).orElseThrow();
  }

  /** The job as stored, with an import that stopped making progress shown as failed. */
  public Optional<ImportJob> find(AccountId account, String importId) {
    return store.findImport(account, importId).map(this::withStallDetected);
  }

  /** A page of the account's imports, newest first, stalled ones shown as failed. */
  public Page<ImportJob> page(AccountId account, Optional<String> after, int limit) {
    return store.imports(account, after, limit).map(this::withStallDetected);
  }

  private ImportJob withStallDetected(ImportJob job) {
    if (job.status() instanceof ImportStatus.Running
        && job.updatedAt().plus(STALLED_AFTER).isBefore(clock.instant())) {
      return new ImportJob(
          job.id(),
          job.listName(),
          job.fileName(),
          job.format(),
          job.encoding(),
          job.sheet(),
          new ImportStatus.Failed(
              "the import stopped making progress (its server may have stopped); nothing was"
                  + " imported"),
          job.counts(),
          job.createdAt(),
          job.updatedAt());
    }
    return job;
  }

  private ImportSession open(ImportRequest request) throws ImportRefused {
    String name = request.listName() == null ? "" : request.listName().strip();
    Optional<String> badName = ListNames.problem(name);
    if (badName.isPresent()) {
      throw new ImportRefused(badName.get(), false);
    }
    Optional<String> consent = request.consentStatement();
    if (consent.isPresent()
        && (consent.get().length() > MAX_CONSENT_STATEMENT
            || consent.get().chars().anyMatch(Character::isISOControl))) {
      throw new ImportRefused(
          "consent statement must be at most " + MAX_CONSENT_STATEMENT + " characters on one line",
          false);
    }
    Optional<String> language = Optional.empty();
    if (request.language().isPresent()) {
      language = ListLanguages.parse(request.language().get());
      if (language.isEmpty()) {
        throw new ImportRefused(ListLanguages.refusal(request.language().get()), false);
      }
    }
    Instant now = clock.instant();
    String statement =
        request.consentStatement().filter(s -> !s.isBlank()).orElse(defaultConsentStatement);
    ContactList proposed =
        new ContactList(
            newId(), name, 0, statement, now, now, language.orElse(ListLanguages.DEFAULT));
    ImportJob job =
        new ImportJob(
            newId(),
            name,
            request.fileName(),
            "",
            "",
            "",
            new ImportStatus.Running(0),
            ImportCounts.NONE,
            now,
            now);
    return store
        .openImport(request.account(), proposed, job, language)
        .orElseThrow(
            () ->
                new ImportRefused(
                    "another import into list \"" + name + "\" is running; try again when it ends",
                    true));
  }

  private void run(ImportRequest request, ImportSession session, String importId) {
    try (session) {
      ImportBatcher batcher = null;
      try {
        String statement =
            request
                .consentStatement()
                .filter(s -> !s.isBlank())
                .orElse(session.target().consentStatement());
        Consent consent =
            new Consent(
                importId,
                "import " + importId + " of " + request.fileName(),
                clock.instant(),
                statement);
        batcher = new ImportBatcher(session, policy, consent);
        ReadSummary summary = reader.read(request.file(), request.fileName(), batcher);
        batcher.finish();
        Optional<String> overCap = cap.refusal(request.account(), batcher.counts().accepted());
        if (overCap.isPresent()) {
          session.abandon(new ImportStatus.Refused(overCap.get()), batcher.counts());
          return;
        }
        session.commit(
            batcher.counts(),
            summary.rows(),
            summary.format().name(),
            summary.encoding(),
            summary.sheet());
      } catch (FileRefusedException e) {
        batcher.abort();
        session.abandon(new ImportStatus.Refused(e.getMessage()), batcher.counts());
      } catch (Throwable e) {
        // Errors too (a class missing at run time, say): the job ends failed now, with its
        // reason, instead of staying "running" until the stall watchdog gives up on it.
        log.error("import {} failed", importId, e);
        ImportCounts counts = ImportCounts.NONE;
        if (batcher != null) {
          batcher.abort();
          counts = batcher.counts();
        }
        session.abandon(new ImportStatus.Failed(describe(e)), counts);
      }
    } catch (Throwable e) {
      log.error("import {} could not record its end", importId, e);
    } finally {
      if (request.ownsFile()) {
        deleteQuietly(request);
      }
    }
  }

  /** One line for the user; an Error is Herald's fault and says so, the log has the rest. */
  private static String describe(Throwable e) {
    String message = e.getMessage() == null ? "" : e.getMessage().strip();
    String what =
        e instanceof Error
            ? "internal error in Herald ("
                + e.getClass().getSimpleName()
                + (message.isEmpty() ? "" : ": " + message)
                + ")"
            : message.isEmpty() ? e.getClass().getSimpleName() : message;
    return ("import failed: " + what).replaceAll("\\s*\\R\\s*", " ");
  }

  private static void deleteQuietly(ImportRequest request) {
    try {
      Files.deleteIfExists(request.file());
    } catch (IOException e) {
      log.warn("could not delete spooled upload {}", request.file(), e);
    }
  }

  private String newId() {
    return HexFormat.of().toHexDigits(random.nextLong());
  }
}
