package io.herald.web.pages;

import io.herald.account.Membership;
import io.herald.account.Refusal;
import io.herald.account.User;
import io.herald.account.Users;
import io.herald.web.Problem;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Signing in and out, the start page that sends each person to their home, and the language switch.
 * A sign-in is refused for a client past its attempts and for an email address past its failures
 * ({@link SignInLimits}, a 429 page); a wrong email or password gets the same answer, whichever was
 * wrong.
 */
final class SignInRoutes {
  private final Pages pages;
  private final Sessions sessions;
  private final Users users;
  private final SignInLimits limits;

  SignInRoutes(Pages pages, Sessions sessions, Users users, SignInLimits limits) {
    this.pages = pages;
    this.sessions = sessions;
    this.users = users;
    this.limits = limits;
  }

  void register(Javalin app) {
    app.get("/app", this::start);
    app.get("/app/sign-in", this::form);
    app.post("/app/sign-in", this::signIn);
    app.post("/app/sign-out", this::signOut);
    app.post("/app/language", this::language);
  }

  /** Each person's home: the account's dashboard, or the staff page. */
  static String home(User user) {
    return switch (user.membership()) {
      case Membership.OfAccount a -> "/app/accounts/" + a.account().value();
      case Membership.Staff s -> "/app/staff";
    };
  }

  private void start(Context ctx) {
    ctx.redirect(home(Access.signedIn(ctx)), HttpStatus.SEE_OTHER);
  }

  private void form(Context ctx) {
    Pages.Viewer viewer = Pages.viewer(ctx);
    if (viewer.user().isPresent()) {
      ctx.redirect(home(viewer.user().get()), HttpStatus.SEE_OTHER);
      return;
    }
    Map<String, Object> model = new HashMap<>();
    model.put("email", "");
    model.put("passwordSet", ctx.queryParam("password-set") != null);
    show(ctx, 200, model);
  }

  private void signIn(Context ctx) {
    if (!limits.attempt(ctx.ip())) {
      throw Problem.tooManyRequests(
          "too many sign-in attempts from this address", limits.retryAfterSeconds());
    }
    String email;
    try {
      email = Users.email(ctx.formParam("email"));
    } catch (Refusal notAnEmail) {
      Map<String, Object> model = new HashMap<>();
      model.put("email", "");
      model.put("invalidEmail", true);
      show(ctx, 400, model);
      return;
    }
    if (!limits.mayTry(email)) {
      throw Problem.tooManyRequests(
          "too many failed sign-ins for this address", limits.retryAfterSeconds());
    }
    Optional<User> user = users.authenticate(email, ctx.formParam("password"));
    if (user.isEmpty()) {
      limits.failed(email);
      Map<String, Object> model = new HashMap<>();
      model.put("email", email);
      model.put("failed", true);
      show(ctx, 401, model);
      return;
    }
    // A new session and id: whatever id the browser had before is dropped (fixation).
    sessions.signIn(ctx, Pages.viewer(ctx).session(), user.get());
    ctx.redirect(home(user.get()), HttpStatus.SEE_OTHER);
  }

  private void signOut(Context ctx) {
    sessions.end(ctx, Pages.viewer(ctx).session());
    ctx.redirect("/app/sign-in", HttpStatus.SEE_OTHER);
  }

  private void language(Context ctx) {
    String language = ctx.formParam("lang");
    if (language == null || !Users.LANGUAGES.contains(language)) {
      throw Problem.badRequest("language must be uk or en");
    }
    Optional<User> user = Pages.viewer(ctx).user();
    if (user.isPresent()) {
      users.setLanguage(user.get().id(), language);
    } else {
      String cookie = AppPages.LANGUAGE_COOKIE + "=" + language + "; Path=/app; SameSite=Lax";
      ctx.header("Set-Cookie", sessions.secure(ctx) ? cookie + "; Secure" : cookie);
    }
    ctx.redirect(back(ctx.formParam("back")), HttpStatus.SEE_OTHER);
  }

  /** Where to go back to: a page of ours, never another site (no open redirect). */
  private static String back(String path) {
    if (path == null
        || !AppPages.isApp(path)
        || path.contains("//")
        || path.contains("\\")
        || path.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      return "/app";
    }
    return path;
  }

  private void show(Context ctx, int status, Map<String, Object> model) {
    Pages.Viewer viewer = Pages.viewer(ctx);
    model.putIfAbsent("failed", false);
    model.putIfAbsent("invalidEmail", false);
    model.putIfAbsent("passwordSet", false);
    pages.render(ctx, status, viewer, "sign-in", viewer.texts().get("sign_in_title"), model);
  }
}
