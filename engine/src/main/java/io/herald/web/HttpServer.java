package io.herald.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.account.AccountStore;
import io.herald.account.Accounts;
import io.herald.account.AdminToken;
import io.herald.account.Freezes;
import io.herald.account.Refusal;
import io.herald.account.SendingDomains;
import io.herald.account.UserLinks;
import io.herald.account.Users;
import io.herald.audience.AudienceStore;
import io.herald.audience.Imports;
import io.herald.campaign.CampaignStore;
import io.herald.campaign.Campaigns;
import io.herald.canary.Canaries;
import io.herald.channel.sms.SmsPreviews;
import io.herald.channel.viber.ViberPreviews;
import io.herald.config.HeraldConfig;
import io.herald.config.RateLimitConfig;
import io.herald.delivery.CampaignSamples;
import io.herald.feedback.FeedbackParser;
import io.herald.feedback.InboundFeedback;
import io.herald.message.Messages;
import io.herald.plan.Billing;
import io.herald.plan.Quotas;
import io.herald.tracking.EngagementStore;
import io.herald.tracking.Engagements;
import io.herald.tracking.ShortLinkCodes;
import io.herald.web.pages.AppPages;
import io.herald.webhook.Webhooks;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import io.javalin.router.ParsedEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Herald's HTTP server (Javalin on virtual threads): the API under {@code /api}, the public pages
 * messages link to (tracking pixel, click redirects, unsubscribe under {@code /t/} and {@code /u/};
 * SMS short links under {@code /s/} and {@code /l/}), the pages people sign in to under {@code
 * /app} ({@link AppPages}), and {@code /health}. Every error reaches the client as {@code
 * application/problem+json} with a one-line detail; unexpected failures are logged here and
 * answered as a plain 500, never with a trace.
 */
public final class HttpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
  private static final String PROBLEM_JSON = Problem.MEDIA_TYPE;
  // Largest body of any request but an upload (which streams to disk under its own limit).
  static final long MAX_BODY_BYTES = 1_000_000L;
  // Callers remembered by each rate limiter at most (see RateLimits).
  private static final int MAX_LIMITED = 100_000;

  private final Javalin app;
  private final ObjectMapper mapper;

  /** What the routes need, wired by the composition root. */
  public record Services(
      Accounts accounts,
      AccountStore accountStore,
      AdminToken adminToken,
      AudienceStore audience,
      Imports imports,
      Campaigns campaigns,
      CampaignStore campaignStore,
      CampaignSamples samples,
      Canaries canaries,
      Engagements engagements,
      EngagementStore engagementStore,
      FeedbackParser feedback,
      InboundFeedback inbound,
      Supplier<String> redisPing,
      Clock clock,
      Messages messages,
      Webhooks webhooks,
      Freezes freezes,
      SendingDomains domains,
      ShortLinkCodes shortLinks,
      Optional<SmsPreviews> smsPreviews,
      Optional<ViberCallbackRoutes> viberCallbacks,
      Optional<ViberPreviews> viberPreviews,
      Quotas quotas,
      Billing billing,
      SignIn signIn) {}

  /** The people who sign in: their store, password links and the pages under {@code /app}. */
  public record SignIn(Users users, UserLinks links, AppPages pages) {}

  private final AppPages pages;

  public HttpServer(HeraldConfig config, ObjectMapper mapper, Services services) {
    this.mapper = mapper;
    this.pages = services.signIn().pages();
    this.app =
        Javalin.create(
            javalin -> {
              javalin.showJavalinBanner = false;
              javalin.useVirtualThreads = true;
              javalin.jsonMapper(new JavalinJackson(JsonBodies.strict(mapper), true));
              javalin.http.maxRequestSize = MAX_BODY_BYTES;
              // A body cut off or with broken framing reads as Jetty's EofException, which
              // Javalin takes for a client gone; it is the client's error (the 400 below).
              javalin.jetty.clientAbortStatus = 400;
              javalin.jetty.defaultHost = config.http().host();
              // Jetty's own errors are problems too; bodies are counted as they stream.
              javalin.jetty.modifyServer(
                  server -> server.setErrorHandler(new JettyProblems(mapper)));
              javalin.jetty.modifyServletContextHandler(
                  context -> {
                    context.setErrorHandler(new JettyProblems(mapper));
                    context.insertHandler(new BodyLimits(MAX_BODY_BYTES));
                  });
            });
    RateLimitConfig rates = config.http().rateLimit();
    Auth auth =
        new Auth(
            services.accounts().keys(),
            services.adminToken(),
            new RateLimits(rates.perSecond(), rates.burst(), MAX_LIMITED, services.clock()));
    limitPublicPages(
        new RateLimits(
            rates.publicPerSecond(), rates.publicBurst(), MAX_LIMITED, services.clock()));
    new AdminRoutes(auth, services.accounts(), services.accountStore(), services.signIn().users())
        .register(app);
    new AccountAdminRoutes(
            auth, services.accountStore(), services.accounts().keys(), services.freezes())
        .register(app);
    new AccountRoutes(auth, services.accounts().keys()).register(app);
    new PlanRoutes(auth, services.quotas(), services.billing(), services.accountStore())
        .register(app);
    new AudienceRoutes(
            auth,
            services.audience(),
            services.imports(),
            // An upload is an import's file: no larger than either limit, so a file the importer
            // would refuse for its size is refused before it is uploaded.
            new Uploads(
                config.data().dir().resolve("uploads"),
                Math.min(config.http().maxUploadBytes(), config.imports().maxFileBytes())),
            config.imports().defaultRegion(),
            services.clock())
        .register(app);
    new CampaignRoutes(
            auth,
            services.campaigns(),
            services.campaignStore(),
            services.samples(),
            services.smsPreviews(),
            services.viberPreviews(),
            services.canaries())
        .register(app);
    new ReviewRoutes(auth, services.canaries()).register(app);
    services
        .viberCallbacks()
        .ifPresentOrElse(
            routes -> routes.register(app),
            () ->
                app.post(
                    ViberCallbackRoutes.PATH,
                    ctx -> {
                      throw Problem.notFound("viber is not configured on this server");
                    }));
    new EngagementRoutes(auth, services.campaignStore(), services.engagementStore()).register(app);
    MessageOrigins origins =
        new MessageOrigins(services.accountStore(), services.campaignStore(), services.audience());
    new TrackingRoutes(services.engagements(), origins, services.audience()).register(app);
    new ShortLinkRoutes(
            services.shortLinks(),
            services.engagements(),
            origins,
            services.audience(),
            services.clock())
        .register(app);
    PublicPages.register(app);
    new SpamReportRoutes(services.feedback(), services.inbound()).register(app);
    new InboundRoutes(auth, services.inbound()).register(app);
    new MessageRoutes(auth, services.messages()).register(app);
    new WebhookRoutes(auth, services.webhooks()).register(app);
    new DomainRoutes(auth, services.domains()).register(app);
    new UserAdminRoutes(
            auth,
            services.signIn().users(),
            services.signIn().links(),
            services.accountStore(),
            config.tracking().baseUrl().toString().replaceAll("/+$", ""),
            config.http().signIn().invitationValidFor(),
            services.clock())
        .register(app);
    pages.register(app);
    // No /metrics here: it names recipient domains and the smarthost (see MetricsServer).
    app.get(
        "/health", ctx -> ctx.json(Map.of("status", "ok", "redis", services.redisPing().get())));
    // The API's OpenAPI document, served as checked in; no token, like /health.
    byte[] openApi = openApiDocument();
    app.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
    app.exception(Problem.class, (e, ctx) -> answer(ctx, e));
    // Account changes refuse with a checked Refusal; routes let it through, answered here.
    app.exception(Refusal.class, (e, ctx) -> answer(ctx, Problem.of(e)));
    app.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          // Javalin's own refusals (a declared body past the limit...); 404 and 405 get their
          // body from the error handlers below.
          ctx.status(e.getStatus());
          if (e.getStatus() == 413) {
            problem(
                ctx,
                413,
                "Content too large",
                new BodyLimits.TooLarge(MAX_BODY_BYTES).getMessage());
          } else if (e.getStatus() != 404 && e.getStatus() != 405) {
            problem(
                ctx,
                e.getStatus(),
                HttpStatus.forStatus(e.getStatus()).getMessage(),
                e.getMessage());
          }
        });
    app.exception(
        Exception.class,
        (e, ctx) -> {
          Optional<Problem> unread = BodyLimits.problem(e);
          if (unread.isPresent()) {
            answer(ctx, unread.get());
            return;
          }
          log.error("{} {} failed", ctx.method(), ctx.path(), e);
          problem(ctx, 500, "Internal error", "the server failed; the error was logged");
        });
    app.error(
        404,
        ctx -> {
          // A route's own 404 (a problem, or a recipient's page) stays as it is.
          if (!PROBLEM_JSON.equals(ctx.res().getContentType())
              && !PublicPages.answered(ctx)
              && !AppPages.answered(ctx)) {
            problem(ctx, 404, "Not found", "no such endpoint: " + ctx.method() + " " + ctx.path());
          }
        });
    app.error(
        400,
        ctx -> {
          if (ctx.resultInputStream() == null) {
            problem(ctx, 400, "Bad request", "the request could not be read");
          }
        });
    app.error(
        405, ctx -> problem(ctx, 405, "Method not allowed", ctx.method() + " is not allowed here"));
  }

  /**
   * The recipients' pages need no token, so they are limited per client address instead (R13), with
   * a limit high enough for many recipients behind one address.
   */
  private void limitPublicPages(RateLimits limits) {
    app.before(
        ctx -> {
          if (PublicPages.isPublic(ctx.path())) {
            long wait = limits.acquire(ctx.ip());
            if (wait > 0) {
              throw Problem.tooManyRequests(
                  "too many requests from this address; try again in " + wait + " s", wait);
            }
          }
        });
  }

  /** Starts listening; {@code port} 0 picks a free one. */
  public HttpServer start(int port) {
    app.start(port);
    return this;
  }

  public int port() {
    return app.port();
  }

  /** Every HTTP route registered, as {@code METHOD /path/{param}} (for the OpenAPI test). */
  public List<String> endpoints() {
    return app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
        .map(ParsedEndpoint::getEndpoint)
        .filter(e -> e.getMethod().isHttpMethod())
        .map(e -> e.getMethod().name() + " " + e.getPath())
        .toList();
  }

  private static byte[] openApiDocument() {
    try (InputStream in = HttpServer.class.getResourceAsStream("/openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void answer(Context ctx, Problem e) {
    if (e.retryAfterSeconds() > 0) {
      ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
    }
    problem(ctx, e.status(), e.title(), e.getMessage());
  }

  /** Answers an error: a problem, or on the recipients' pages a page in their language. */
  private void problem(Context ctx, int status, String title, String detail) {
    if (PublicPages.isPublic(ctx.path())) {
      PublicPages.error(ctx, status);
      return;
    }
    if (AppPages.isApp(ctx.path())) {
      pages.error(ctx, status);
      return;
    }
    ctx.status(status)
        .contentType(PROBLEM_JSON)
        .result(new Problem(status, title, detail).body(mapper));
  }

  @Override
  public void close() {
    app.stop();
  }
}
