package io.herald.web.pages;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pages' Mustache templates ({@code io/herald/web/pages/*.mustache}), compiled once at start.
 * Every {@code {{value}}} is HTML-escaped; only {@code {{{body}}}} in the layout takes HTML, the
 * page that this class itself rendered. Logic-less on purpose: a page shows what its route hands it
 * and decides nothing (see docs/architecture.md for why Mustache).
 */
final class Templates {
  private static final List<String> NAMES =
      List.of(
          "layout",
          "sign-in",
          "reset-request",
          "set-password",
          "link-invalid",
          "dashboard",
          "invite",
          "staff",
          "accounts",
          "error");

  private final Map<String, Template> compiled;

  Templates() {
    // A value that resolves to null is shown as nothing; a name the model lacks fails loudly.
    Mustache.Compiler compiler = Mustache.compiler().escapeHTML(true).nullValue("");
    Map<String, Template> map = new HashMap<>();
    for (String name : NAMES) {
      map.put(name, compiler.compile(read(name)));
    }
    this.compiled = Map.copyOf(map);
  }

  String render(String name, Map<String, ?> model) {
    Template template = compiled.get(name);
    if (template == null) {
      throw new IllegalArgumentException("no page template " + name);
    }
    return template.execute(model);
  }

  private static String read(String name) {
    String path = "/io/herald/web/pages/" + name + ".mustache";
    try (InputStream in = Templates.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
