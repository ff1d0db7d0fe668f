package io.herald.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.jsoup.nodes.Entities;

/**
 * The few HTML pages recipients see (unsubscribe, a link that is not valid, the spam form). Plain
 * HTML that works without JavaScript; every value is HTML-escaped, and the headers keep the pages
 * out of frames, caches, search engines and other sites' referrer logs. Their look is one static
 * stylesheet ({@code recipients.css}) served under a name made of its hash, cached for a year and
 * linked with Subresource Integrity, so the Content-Security-Policy allows no inline style or
 * script at all. Every error under their paths is a page too (in the reader's language, see {@link
 * PageTexts}), never JSON.
 */
final class PublicPages {
  private static final String CSS = resource("recipients.css");

  /** The stylesheet's path: a new name whenever its content changes, so it may be cached long. */
  static final String STYLESHEET_PATH =
      "/public/recipients-" + HexFormat.of().formatHex(digest("SHA-256", CSS), 0, 6) + ".css";

  private static final String STYLESHEET_INTEGRITY =
      "sha384-" + Base64.getEncoder().encodeToString(digest("SHA-384", CSS));

  private static final String CSP =
      "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; "
          + "base-uri 'none'";

  private static final String ANSWERED = "herald.publicPage";

  private PublicPages() {}

  /** Serves the pages' stylesheet (the pages themselves are their routes'). */
  static void register(Javalin app) {
    app.get(
        "/public/{file}",
        ctx -> {
          // One route for the name of the day: an older name (after an upgrade) is not served.
          if (!ctx.path().equals(STYLESHEET_PATH)) {
            invalidLink(ctx);
            return;
          }
          ctx.header("Cache-Control", "public, max-age=31536000, immutable");
          ctx.header("X-Content-Type-Options", "nosniff");
          ctx.contentType("text/css; charset=utf-8");
          ctx.result(CSS);
        });
  }

  /** Whether {@code path} is one of the recipients' pages (whose errors are pages too). */
  static boolean isPublic(String path) {
    return path.startsWith("/t/")
        || path.startsWith("/u/")
        || path.startsWith("/s/")
        || path.startsWith("/l/")
        || path.startsWith("/public/")
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
    ctx.header("Content-Security-Policy", CSP);
    ctx.contentType("text/html; charset=utf-8");
    ctx.result(
        "<!DOCTYPE html>\n<html lang=\""
            + escape(lang)
            + "\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
            + "<meta name=\"robots\" content=\"noindex,nofollow\">"
            + "<title>"
            + escape(title)
            + "</title><link rel=\"stylesheet\" href=\""
            + STYLESHEET_PATH
            + "\" integrity=\""
            + STYLESHEET_INTEGRITY
            + "\"></head><body><main>\n"
            + bodyHtml
            + "\n</main></body></html>\n");
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

  private static String resource(String name) {
    try (InputStream in = PublicPages.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] digest(String algorithm, String text) {
    try {
      return MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) { // every JDK has SHA-256 and SHA-384
      throw new IllegalStateException(e);
    }
  }
}
