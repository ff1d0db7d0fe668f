package io.herald.web.pages;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;

/**
 * The pages' static files: htmx from its webjar (no Node build) and Herald's one stylesheet, read
 * from the classpath once. Each is served under a name that holds a hash of its content, so it can
 * be cached for a year ({@code immutable}) and a new release is fetched at once; each is linked
 * with its Subresource Integrity hash (SHA-384), so a page runs only the bytes it was built with.
 */
final class Assets {
  static final String PATH = "/app/assets/";
  private static final String HTMX_WEBJAR = "META-INF/resources/webjars/htmx.org/";
  private static final String HTMX_POM = "META-INF/maven/org.webjars.npm/htmx.org/pom.properties";

  /** One file: where it is served, its SRI value, its type and bytes. */
  record Asset(String url, String integrity, String contentType, byte[] bytes) {}

  private final Asset htmx;
  private final Asset css;
  private final Map<String, Asset> byUrl;

  Assets() {
    String version = htmxVersion();
    this.htmx =
        asset(
            "htmx-" + version,
            ".min.js",
            "text/javascript; charset=utf-8",
            read(HTMX_WEBJAR + version + "/dist/htmx.min.js"));
    this.css = asset("app", ".css", "text/css; charset=utf-8", read("io/herald/web/pages/app.css"));
    this.byUrl = Map.of(htmx.url(), htmx, css.url(), css);
  }

  Asset htmx() {
    return htmx;
  }

  Asset css() {
    return css;
  }

  void register(Javalin app) {
    app.get(
        PATH + "{file}",
        ctx -> {
          Asset asset = byUrl.get(ctx.path());
          if (asset == null) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("not found");
            ctx.attribute(Pages.ANSWERED, Boolean.TRUE);
            return;
          }
          ctx.header("Cache-Control", "public, max-age=31536000, immutable");
          ctx.header("X-Content-Type-Options", "nosniff");
          ctx.contentType(asset.contentType()).result(asset.bytes());
        });
  }

  private static Asset asset(String name, String suffix, String type, byte[] bytes) {
    String hex = HexFormat.of().formatHex(digest("SHA-256", bytes)).substring(0, 12);
    return new Asset(
        PATH + name + "." + hex + suffix,
        "sha384-" + Base64.getEncoder().encodeToString(digest("SHA-384", bytes)),
        type,
        bytes);
  }

  private static String htmxVersion() {
    Properties pom = new Properties();
    try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(HTMX_POM)) {
      if (in == null) {
        throw new IllegalStateException("the htmx webjar is missing from the classpath");
      }
      pom.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pom.getProperty("version");
  }

  private static byte[] read(String path) {
    try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] digest(String algorithm, byte[] bytes) {
    try {
      return MessageDigest.getInstance(algorithm).digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no " + algorithm, e);
    }
  }
}
