package io.herald.web.pages;

import io.herald.account.User;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a page into the response: the page's template inside the one layout (language switch, who
 * is signed in, sign-out), with the headers every page has — a strict Content Security Policy
 * (scripts and styles only from Herald's own files, none inline, no frames, forms only to Herald),
 * no caching, no referrer (links carry tokens), no sniffing.
 */
final class Pages {
  static final String ANSWERED = "herald.appPage";
  private static final String VIEWER = "herald.viewer";
  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
          + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  /**
   * Who is looking: the session (its CSRF token goes into every form; empty on an error page
   * answered before one was found), the signed-in user if any, and the texts in their language.
   */
  record Viewer(Optional<Sessions.Current> session, Optional<User> user, Texts texts) {
    String csrf() {
      return session.map(s -> s.session().csrf()).orElse("");
    }
  }

  private final Templates templates;
  private final Assets assets;

  Pages(Templates templates, Assets assets) {
    this.templates = templates;
    this.assets = assets;
  }

  static void remember(Context ctx, Viewer viewer) {
    ctx.attribute(VIEWER, viewer);
  }

  static Viewer viewer(Context ctx) {
    Viewer viewer = ctx.attribute(VIEWER);
    if (viewer == null) {
      throw new IllegalStateException("no viewer: the pages' before-handler did not run");
    }
    return viewer;
  }

  static Optional<Viewer> viewerIfAny(Context ctx) {
    return Optional.ofNullable(ctx.attribute(VIEWER));
  }

  static boolean answered(Context ctx) {
    return ctx.attribute(ANSWERED) != null;
  }

  /** Answers with {@code template} in the layout; {@code model} adds to what every page has. */
  void render(
      Context ctx, int status, Viewer viewer, String template, String title, Map<String, ?> model) {
    Map<String, Object> page = new HashMap<>(model);
    page.put("t", viewer.texts().all());
    page.put("csrf", viewer.csrf());
    String body = templates.render(template, page);
    Map<String, Object> layout = new HashMap<>();
    layout.put("t", viewer.texts().all());
    layout.put("lang", viewer.texts().lang());
    layout.put("isUk", "uk".equals(viewer.texts().lang()));
    layout.put("isEn", "en".equals(viewer.texts().lang()));
    layout.put("title", title);
    layout.put("csrf", viewer.csrf());
    layout.put("path", ctx.path());
    layout.put("cssUrl", assets.css().url());
    layout.put("cssIntegrity", assets.css().integrity());
    layout.put("htmxUrl", assets.htmx().url());
    layout.put("htmxIntegrity", assets.htmx().integrity());
    layout.put(
        "user",
        viewer
            .user()
            .map(
                u ->
                    Map.of(
                        "email",
                        u.email(),
                        "roleName",
                        viewer.texts().get("role_" + u.membership().role())))
            .orElse(null));
    layout.put("body", body);
    ctx.attribute(ANSWERED, Boolean.TRUE);
    ctx.status(status);
    headers(ctx);
    ctx.contentType("text/html; charset=utf-8");
    ctx.result(templates.render("layout", layout));
  }

  /** The page for an error status, in the viewer's language. */
  void error(Context ctx, int status, Viewer viewer) {
    Texts t = viewer.texts();
    render(
        ctx,
        status,
        viewer,
        "error",
        t.error(status, "title"),
        Map.of("heading", t.error(status, "heading"), "text", t.error(status, "text")));
  }

  static void headers(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("Cache-Control", "no-store");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Robots-Tag", "noindex, nofollow");
  }
}
