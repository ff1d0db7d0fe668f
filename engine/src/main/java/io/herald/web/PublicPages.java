package io.herald.web;

import io.javalin.http.Context;
import org.jsoup.nodes.Entities;

/**
 * The few HTML pages recipients see (unsubscribe, a link that is not valid). Plain HTML that works
 * without JavaScript or outside resources; every value is HTML-escaped, and the headers keep the
 * pages out of frames, caches, search engines and other sites' referrer logs.
 */
final class PublicPages {
  private static final String STYLE =
      "body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;"
          + "line-height:1.5;color:#222}button{font-size:1rem;padding:.5rem 1.25rem;"
          + "cursor:pointer}";

  private static final String ANSWERED = "herald.publicPage";

  private PublicPages() {}

  /** Escapes text for an HTML element's content or a double-quoted attribute. */
  static String escape(String text) {
    return Entities.escape(text);
  }

  /** Whether a page of this class answered the request (so error handlers leave it alone). */
  static boolean answered(Context ctx) {
    return ctx.attribute(ANSWERED) != null;
  }

  /** Answers with a page; {@code bodyHtml} must already be escaped where it holds values. */
  static void page(Context ctx, int status, String title, String bodyHtml) {
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
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
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
    page(
        ctx,
        404,
        "Link not valid",
        "<h1>This link is not valid</h1><p>It may have been copied incompletely. Try the link in"
            + " the message again.</p>");
  }
}
