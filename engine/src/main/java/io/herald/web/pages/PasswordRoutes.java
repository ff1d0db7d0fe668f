package io.herald.web.pages;

import io.herald.account.Refusal;
import io.herald.account.User;
import io.herald.account.UserLinks;
import io.herald.account.UserLinks.Purpose;
import io.herald.account.Users;
import io.herald.config.SignInConfig;
import io.herald.web.Problem;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Setting a password through a mailed link: asking for a reset link ({@code /app/reset}; the answer
 * is the same whether or not the email is a user's, and the mail goes out off the request's
 * thread), and the page a link opens ({@code /app/reset/<token>}, {@code /app/invitation/<token>}),
 * which sets the password once ({@link UserLinks}): a used link, a forged one and an expired one
 * each get a page that says so.
 */
final class PasswordRoutes {
  private final Pages pages;
  private final Users users;
  private final UserLinks links;
  private final SignInLimits limits;
  private final UserMail mail;
  private final String baseUrl;
  private final Duration resetValidFor;

  PasswordRoutes(
      Pages pages,
      Users users,
      UserLinks links,
      SignInLimits limits,
      UserMail mail,
      String baseUrl,
      SignInConfig config) {
    this.pages = pages;
    this.users = users;
    this.links = links;
    this.limits = limits;
    this.mail = mail;
    this.baseUrl = baseUrl;
    this.resetValidFor = config.resetLinkValidFor();
  }

  void register(Javalin app) {
    app.get("/app/reset", ctx -> request(ctx, 200, false, false));
    app.post("/app/reset", this::sendLink);
    app.get("/app/reset/{token}", ctx -> open(ctx, Purpose.RESET));
    app.post("/app/reset/{token}", ctx -> set(ctx, Purpose.RESET));
    app.get("/app/invitation/{token}", ctx -> open(ctx, Purpose.INVITATION));
    app.post("/app/invitation/{token}", ctx -> set(ctx, Purpose.INVITATION));
  }

  private void sendLink(Context ctx) {
    if (!limits.attempt(ctx.ip())) {
      throw Problem.tooManyRequests(
          "too many requests from this address", limits.retryAfterSeconds());
    }
    String email;
    try {
      email = Users.email(ctx.formParam("email"));
    } catch (Refusal notAnEmail) {
      request(ctx, 400, false, true);
      return;
    }
    users
        .findByEmail(email)
        .ifPresent(
            user ->
                mail.resetLink(
                    user,
                    baseUrl + "/app/reset/" + links.issue(Purpose.RESET, user, resetValidFor),
                    links.expiry(resetValidFor)));
    request(ctx, 200, true, false);
  }

  private void request(Context ctx, int status, boolean sent, boolean invalidEmail) {
    Pages.Viewer viewer = Pages.viewer(ctx);
    pages.render(
        ctx,
        status,
        viewer,
        "reset-request",
        viewer.texts().get("reset_heading"),
        Map.of("sent", sent, "invalidEmail", invalidEmail));
  }

  private void open(Context ctx, Purpose purpose) {
    valid(ctx, purpose).ifPresent(user -> form(ctx, 200, purpose, user, Optional.empty()));
  }

  private void set(Context ctx, Purpose purpose) {
    Optional<User> user = valid(ctx, purpose);
    if (user.isEmpty()) {
      return;
    }
    try {
      users.setPassword(user.get(), ctx.formParam("password"));
    } catch (Refusal refusal) {
      switch (refusal.kind()) {
        case INVALID -> form(ctx, 400, purpose, user.get(), Optional.of(refusal.getMessage()));
        default -> invalid(ctx, 409, "link_invalid");
      }
      return;
    }
    ctx.redirect("/app/sign-in?password-set", HttpStatus.SEE_OTHER);
  }

  /** The link's user, or empty once the page saying why not was answered. */
  private Optional<User> valid(Context ctx, Purpose purpose) {
    return switch (links.check(purpose, ctx.pathParam("token"), users::find)) {
      case UserLinks.Check.Valid v -> Optional.of(v.user());
      case UserLinks.Check.Expired e -> {
        invalid(ctx, 410, "link_expired");
        yield Optional.empty();
      }
      case UserLinks.Check.Invalid i -> {
        invalid(ctx, 404, "link_invalid");
        yield Optional.empty();
      }
    };
  }

  private void form(
      Context ctx, int status, Purpose purpose, User user, Optional<String> weakness) {
    Pages.Viewer viewer = Pages.viewer(ctx);
    Texts t = viewer.texts();
    String heading = t.get(purpose == Purpose.RESET ? "reset_set_heading" : "invitation_heading");
    Map<String, Object> model = new HashMap<>();
    model.put("heading", heading);
    model.put("email", user.email());
    model.put("action", ctx.path());
    model.put("problem", weakness.map(w -> t.get("password_" + w)).orElse(null));
    pages.render(ctx, status, viewer, "set-password", heading, model);
  }

  private void invalid(Context ctx, int status, String key) {
    Pages.Viewer viewer = Pages.viewer(ctx);
    Texts t = viewer.texts();
    pages.render(
        ctx,
        status,
        viewer,
        "link-invalid",
        t.get(key + "_heading"),
        Map.of("heading", t.get(key + "_heading"), "text", t.get(key + "_text")));
  }
}
