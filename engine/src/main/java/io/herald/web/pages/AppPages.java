package io.herald.web.pages;

import io.herald.account.AccountStore;
import io.herald.account.SessionStore;
import io.herald.account.User;
import io.herald.account.UserLinks;
import io.herald.account.Users;
import io.herald.campaign.CampaignStore;
import io.herald.config.SignInConfig;
import io.herald.delivery.EmailTransport;
import io.herald.web.Problem;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * The pages people sign in to, under {@code /app}: the entry point the HTTP server registers.
 * Before every page it finds the browser's session (making one without a user when there is none,
 * so each form has a CSRF token), the signed-in user and the language, and refuses a POST whose
 * CSRF token is not the session's (403) and a body larger than a form needs (413). Errors under
 * {@code /app} are pages in the viewer's language, never JSON. The pages are a thin face over the
 * same services the API uses; what each role may see is decided in {@link Access}.
 */
public final class AppPages {
  static final String LANGUAGE_COOKIE = "herald_lang";
  // The pages' forms are a few fields; anything larger is not one of them.
  private static final long MAX_FORM_BYTES = 64 * 1024;

  /** What the pages need, wired by the composition root. */
  public record Parts(
      Users users,
      UserLinks links,
      SessionStore sessions,
      AccountStore accounts,
      CampaignStore campaigns,
      EmailTransport transport,
      Executor mailSender,
      URI baseUrl,
      Clock clock,
      RandomGenerator random) {}

  private final Pages pages;
  private final Assets assets;
  private final Sessions sessions;
  private final Users users;
  private final SignInRoutes signIn;
  private final PasswordRoutes passwords;
  private final HomeRoutes home;

  public AppPages(SignInConfig config, Parts parts) {
    this.assets = new Assets();
    this.pages = new Pages(new Templates(), assets);
    this.users = parts.users();
    this.sessions =
        new Sessions(
            parts.sessions(),
            parts.clock(),
            parts.random(),
            config.sessionIdle(),
            config.sessionMax(),
            "https".equalsIgnoreCase(parts.baseUrl().getScheme()));
    SignInLimits limits =
        new SignInLimits(
            parts.sessions(),
            parts.clock(),
            config.failuresPerAddress(),
            config.attemptsPerClient());
    String base = parts.baseUrl().toString().replaceAll("/+$", "");
    UserMail mail =
        new UserMail(
            parts.transport(),
            config.mailFrom().orElse("herald@" + parts.baseUrl().getHost()),
            parts.mailSender(),
            parts.clock());
    this.signIn = new SignInRoutes(pages, sessions, users, limits);
    this.passwords = new PasswordRoutes(pages, users, parts.links(), limits, mail, base, config);
    this.home =
        new HomeRoutes(
            pages,
            users,
            parts.links(),
            parts.accounts(),
            parts.campaigns(),
            mail,
            base,
            config.invitationValidFor(),
            parts.clock());
  }

  /** Whether {@code path} is one of these pages (whose errors are pages too). */
  public static boolean isApp(String path) {
    return path.equals("/app") || path.startsWith("/app/");
  }

  /** Whether a page already answered the request (so error handlers leave it alone). */
  public static boolean answered(Context ctx) {
    return Pages.answered(ctx);
  }

  public void register(Javalin app) {
    app.before(
        ctx -> {
          if (isApp(ctx.path()) && !ctx.path().startsWith(Assets.PATH)) {
            before(ctx);
          }
        });
    app.exception(
        Access.SignInRequired.class,
        (e, ctx) -> {
          ctx.attribute(Pages.ANSWERED, Boolean.TRUE);
          ctx.redirect("/app/sign-in", io.javalin.http.HttpStatus.SEE_OTHER);
        });
    assets.register(app);
    signIn.register(app);
    passwords.register(app);
    home.register(app);
  }

  /** Answers an error under {@code /app} with a page in the viewer's language. */
  public void error(Context ctx, int status) {
    Pages.Viewer viewer =
        Pages.viewerIfAny(ctx)
            .orElseGet(
                () ->
                    new Pages.Viewer(
                        Optional.empty(),
                        Optional.empty(),
                        Texts.in(language(ctx, Optional.empty()))));
    pages.error(ctx, status, viewer);
  }

  private void before(Context ctx) {
    Pages.headers(ctx);
    boolean post = "POST".equals(ctx.method().name());
    Optional<Sessions.Current> current = sessions.current(ctx);
    Optional<User> user =
        current.flatMap(c -> Sessions.holds(c.session(), c.session().user().flatMap(users::find)));
    if (current.isEmpty() && !post) {
      current = Optional.of(sessions.anonymous(ctx));
    }
    Pages.remember(ctx, new Pages.Viewer(current, user, Texts.in(language(ctx, user))));
    if (post) {
      if (ctx.contentLength() > MAX_FORM_BYTES) {
        throw new Problem(
            413, "Content too large", "a form is at most " + MAX_FORM_BYTES + " bytes");
      }
      String expected = current.map(c -> c.session().csrf()).orElse(null);
      if (expected == null || !sameToken(expected, presentedToken(ctx))) {
        throw Problem.forbidden("the form's CSRF token is missing or not this session's");
      }
    }
  }

  private static String presentedToken(Context ctx) {
    String header = ctx.header("X-CSRF-Token"); // htmx requests send it as a header
    return header != null ? header : ctx.formParam("csrf");
  }

  private static boolean sameToken(String expected, String presented) {
    return presented != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.US_ASCII),
            presented.getBytes(StandardCharsets.US_ASCII));
  }

  private static String language(Context ctx, Optional<User> user) {
    return user.map(User::language)
        .orElseGet(
            () ->
                Texts.language(
                    Optional.ofNullable(ctx.cookie(LANGUAGE_COOKIE)),
                    ctx.header("Accept-Language")));
  }
}
