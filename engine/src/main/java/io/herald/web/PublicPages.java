package io.herald.web;

import io.javalin.http.Context;
import java.util.Optional;
import org.jsoup.nodes.Entities;

/**
 * The few HTML pages recipients see (unsubscribe, a link that is not valid). Plain HTML that works
 * without JavaScript or outside resources; every value is HTML-escaped, and the headers keep the
 * pages out of frames, caches, search engines and other sites' referrer logs. Every error under
 * their paths is a page too (in the reader's language, see {@link PageTexts}), never JSON.
 */
final class PublicPages {
  private static final String STYLE =
      "body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;"
          + "line-height:1.5;color:#222}button{font-size:1rem;padding:.5rem 1.25rem;"
          + "cursor:pointer}";

  private static final String ANSWERED = "herald.publicPage";

  private PublicPages() {}

  /** Whether {@code path} is one of the recipients' pages (whose errors are pages too). */
  static boolean isPublic(String path) {
    return path.startsWith("/t/")
        || path.startsWith("/u/")
        || path.startsWith("/s/")
        || path.startsWith("/l/")
        || path.equals("/report");
  }

  /** Escapes text for an HTML element's content or a double-quoted attribute. */
  static String escape(String text) {
    return Entities.escape(text);
  }

  /** Whether a page of this class answered the request (so error handlers leave it alone). */
  static boolean answered(Context ctx) {
    return ctx.attribute(ANSWERED) != null;
  }

  /** Answers with a page; {@code bodyHtml} must already be escaped where it holds values. */
  static void page(Context ctx, int status, String lang, String title, String bodyHtml) {
    ctx.attribute(ANSWERED, Boolean.TRUE);
    ctx.status(status);
    ctx.header("Cache-Control", "no-store");
    ctx.header("X-Robots-Tag", "noindex, nofollow");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'");
    ctx.contentType("text/html; charset=utf-8");
    ctx.result(
        "<!DOCTYPE html>\n<html lang=\""
            + escape(lang)
            + "\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
            + "<meta name=\"robots\" content=\"noindex,nofollow\">"
            + "<title>"
            + escape(title)
            + "</title><style>"
            + STYLE
            + "</style></head><body>\n"
            + bodyHtml
            + "\n</body></html>\n");
  }

  /** The page for a link whose token is not one of ours (or no longer leads anywhere). */
  static void invalidLink(Context ctx) {
    error(ctx, 404);
  }

  /** The page for an error status, in the reader's language. */
  static void error(Context ctx, int status) {
    PageTexts texts = PageTexts.of(ctx);
    page(
        ctx,
        status,
        texts.lang(),
        texts.error(status, "title"),
        "<h1>"
            + escape(texts.error(status, "heading"))
            + "</h1><p>"
            + escape(texts.error(status, "text"))
            + "</p>");
  }

  /**
   * A field of a public form, empty when absent; a body that is no readable form (a malformed
   * multipart, one past the size limit) is the client's error, a 400 or 413 {@link Problem}.
   */
  static Optional<String> formField(Context ctx, String name) {
    try {
      return Optional.ofNullable(ctx.formParam(name));
    } catch (Exception e) { // Javalin lets Jetty's undeclared IOException through
      throw BodyLimits.problem(e).orElseGet(() -> Problem.badRequest("the form could not be read"));
    }
  }
}
