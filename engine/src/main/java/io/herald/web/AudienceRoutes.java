package io.herald.web;

import io.herald.account.Account;
import io.herald.audience.AudienceStore;
import io.herald.audience.ContactExport;
import io.herald.audience.ContactKeys;
import io.herald.audience.ContactList;
import io.herald.audience.ImportJob;
import io.herald.audience.ImportRefused;
import io.herald.audience.ImportRequest;
import io.herald.audience.Imports;
import io.herald.audience.ListLanguages;
import io.herald.audience.ListNames;
import io.herald.audience.RowIssue;
import io.herald.audience.Suppression;
import io.herald.importers.EmailAddress;
import io.herald.importers.InvalidAddressException;
import io.herald.importers.PhoneNumber;
import io.herald.paging.Page;
import io.herald.paging.SortedPages;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An account's lists, imports, exports and suppressions. */
final class AudienceRoutes {
  private static final int MAX_PAGE = 1000;
  private static final int IMPORTS_PAGE = 50;
  static final int MAX_SUPPRESSION_REASON = 500;

  private final Auth auth;
  private final AudienceStore store;
  private final Imports imports;
  private final ContactExport export;
  private final Uploads uploads;
  private final String defaultRegion;
  private final Clock clock;

  AudienceRoutes(
      Auth auth,
      AudienceStore store,
      Imports imports,
      Uploads uploads,
      String defaultRegion,
      Clock clock) {
    this.auth = auth;
    this.store = store;
    this.imports = imports;
    this.export = new ContactExport(store);
    this.uploads = uploads;
    this.defaultRegion = defaultRegion;
    this.clock = clock;
  }

  /** Request body of a manual suppression: an email or a phone, and why. */
  record Suppress(String email, String phone, String reason) {}

  void register(Javalin app) {
    app.get("/api/lists", this::lists);
    app.get("/api/lists/{name}", this::list);
    app.get("/api/lists/{name}/contacts", this::exportContacts);
    app.post("/api/lists/{name}/imports", this::startImport);
    app.get("/api/imports", this::listImports);
    app.get("/api/imports/{id}", this::importStatus);
    app.get("/api/imports/{id}/rows", this::importRows);
    app.post("/api/suppressions", this::suppress);
    app.get("/api/suppressions", this::suppressions);
  }

  private void lists(Context ctx) {
    Account account = auth.account(ctx);
    Paging paging = Paging.read(ctx, "lists");
    Page<ContactList> page =
        SortedPages.page(
            store.lists(account.id()),
            l -> l.name().toLowerCase(java.util.Locale.ROOT) + "\n" + l.id(),
            paging.after(),
            paging.limit());
    ctx.json(paging.body("lists", page.map(Views::list)));
  }

  private void list(Context ctx) {
    Account account = auth.account(ctx);
    ctx.json(Views.list(findList(account, listName(ctx))));
  }

  /** The list name of the path, refused with 400 unless it follows {@link ListNames}. */
  private static String listName(Context ctx) {
    String name = ctx.pathParam("name");
    ListNames.problem(name)
        .ifPresent(
            problem -> {
              throw Problem.badRequest(problem);
            });
    return name;
  }

  private ContactList findList(Account account, String name) {
    return store
        .findList(account.id(), name)
        .orElseThrow(() -> Problem.notFound("no list named \"" + name + "\""));
  }

  private void exportContacts(Context ctx) throws IOException {
    Account account = auth.account(ctx);
    ContactList list = findList(account, listName(ctx));
    ctx.contentType("text/csv; charset=utf-8");
    ctx.header(
        "Content-Disposition",
        "attachment; filename*=UTF-8''"
            + URLEncoder.encode(list.name(), StandardCharsets.UTF_8).replace("+", "%20")
            + ".csv");
    Writer out = new OutputStreamWriter(ctx.res().getOutputStream(), StandardCharsets.UTF_8);
    export.write(account.id(), list, out);
    out.flush();
  }

  private void startImport(Context ctx) throws IOException {
    Account account = auth.account(ctx);
    String listName = listName(ctx);
    Optional<String> language = language(ctx);
    uploads.allowBody(ctx.req()); // before anything reads the body
    String fileName =
        Optional.ofNullable(ctx.queryParam("filename"))
            .or(() -> Optional.ofNullable(ctx.header("X-Filename")))
            .filter(n -> !n.isBlank())
            .orElseThrow(() -> Problem.badRequest("the file name is required (?filename=…)"));
    // Before the body is asked for: with Expect: 100-continue an oversized file is never sent.
    uploads.checkDeclaredLength(ctx.req().getContentLengthLong());
    Path file = uploads.spool(ctx.req().getInputStream());
    try {
      ImportJob job =
          imports.start(
              new ImportRequest(
                  account.id(),
                  listName,
                  file,
                  baseName(fileName),
                  Optional.ofNullable(ctx.queryParam("consent")),
                  true,
                  language));
      ctx.status(202).header("Location", "/api/imports/" + job.id()).json(Views.importJob(job));
    } catch (ImportRefused e) {
      Files.deleteIfExists(file);
      throw e.conflict() ? Problem.conflict(e.getMessage()) : Problem.badRequest(e.getMessage());
    }
  }

  /** The list's language the import names ({@code ?language=}), refused before any upload. */
  private static Optional<String> language(Context ctx) {
    String given = ctx.queryParam("language");
    if (given == null) {
      return Optional.empty();
    }
    return Optional.of(
        ListLanguages.parse(given)
            .orElseThrow(() -> Problem.unprocessable(ListLanguages.refusal(given))));
  }

  private static String baseName(String fileName) {
    String name = fileName.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1);
    return name.chars().anyMatch(Character::isISOControl) || name.length() > 255 ? "upload" : name;
  }

  private void listImports(Context ctx) {
    Account account = auth.account(ctx);
    Paging paging = Paging.read(ctx, "imports", IMPORTS_PAGE, MAX_PAGE);
    Page<ImportJob> page =
        Paging.fetch(() -> imports.page(account.id(), paging.after(), paging.limit()));
    ctx.json(paging.body("imports", page.map(Views::importJob)));
  }

  private void importStatus(Context ctx) {
    Account account = auth.account(ctx);
    ctx.json(Views.importJob(findImport(account, ctx.pathParam("id"))));
  }

  private ImportJob findImport(Account account, String id) {
    return imports.find(account.id(), id).orElseThrow(() -> Problem.notFound("no import " + id));
  }

  private void importRows(Context ctx) {
    Account account = auth.account(ctx);
    String id = ctx.pathParam("id");
    findImport(account, id);
    Paging paging = Paging.read(ctx, "rows:" + id);
    long offset = number(ctx, "offset", 0, Long.MAX_VALUE, 0);
    if (paging.after().isPresent()) {
      if (ctx.queryParam("offset") != null) {
        throw Problem.badRequest("give offset or cursor, not both");
      }
      offset =
          paging
              .after()
              .filter(p -> p.matches("\\d{1,18}"))
              .map(Long::parseLong)
              .orElseThrow(Paging::badCursor);
    }
    // One row more than asked tells whether another page follows.
    List<RowIssue> rows = store.rowIssues(account.id(), id, offset, paging.limit() + 1);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("offset", offset);
    body.putAll(
        paging.body(
            "rows",
            rows.stream().limit(paging.limit()).map(Views::rowIssue).toList(),
            rows.size() > paging.limit()
                ? Optional.of(Long.toString(offset + paging.limit()))
                : Optional.empty()));
    ctx.json(body);
  }

  private static long number(Context ctx, String name, long min, long max, long absent) {
    String value = ctx.queryParam(name);
    if (value == null) {
      return absent;
    }
    try {
      long n = Long.parseLong(value);
      if (n < min || n > max) {
        throw Problem.badRequest(name + " must be between " + min + " and " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw Problem.badRequest(name + " must be a whole number");
    }
  }

  private void suppress(Context ctx) {
    Account account = auth.account(ctx);
    Suppress request = JsonBodies.read(ctx, Suppress.class);
    String key = suppressionKey(request);
    if (request.reason() != null && request.reason().length() > MAX_SUPPRESSION_REASON) {
      throw Problem.badRequest("reason is longer than " + MAX_SUPPRESSION_REASON + " characters");
    }
    String reason =
        request.reason() == null || request.reason().isBlank()
            ? "added by the account"
            : request.reason().strip().replaceAll("\\p{Cntrl}+", " ");
    Suppression suppression = new Suppression(key, reason, clock.instant());
    store.suppress(account.id(), suppression);
    ctx.status(201).json(Views.suppression(suppression));
  }

  private String suppressionKey(Suppress request) {
    if (request.email() != null && !request.email().isBlank()) {
      try {
        return ContactKeys.email(EmailAddress.parse(request.email()).value());
      } catch (InvalidAddressException e) {
        throw Problem.badRequest("invalid email: " + e.getMessage());
      }
    }
    if (request.phone() != null && !request.phone().isBlank()) {
      try {
        return ContactKeys.phone(PhoneNumber.parse(request.phone(), defaultRegion).e164());
      } catch (InvalidAddressException e) {
        throw Problem.badRequest("invalid phone: " + e.getMessage());
      }
    }
    throw Problem.badRequest("give an email or a phone");
  }

  private void suppressions(Context ctx) {
    Account account = auth.account(ctx);
    Paging paging = Paging.read(ctx, "suppressions");
    Page<Suppression> page =
        Paging.fetch(() -> store.suppressions(account.id(), paging.after(), paging.limit()));
    ctx.json(paging.body("suppressions", page.map(Views::suppression)));
  }
}
