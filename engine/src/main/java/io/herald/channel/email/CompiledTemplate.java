package io.herald.channel.email;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.io.StringReader;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A campaign's templates parsed once, rendered for every recipient (parsing per recipient would
 * dominate the cost of a large campaign). HTML is rendered with HTML escaping of values; the
 * subject and text without. A variable the contact lacks renders as an empty string, and an empty
 * value counts as false in a section, so {@code {{#company}}at {{company}}{{/company}}} simply
 * disappears. Partials ({@code {{> name}}}) are refused: a template is one self-contained text.
 * Immutable and thread-safe.
 */
public final class CompiledTemplate {
  private static final Mustache.TemplateLoader NO_PARTIALS = name -> new StringReader("");
  private static final Mustache.Compiler HTML =
      Mustache.compiler()
          .escapeHTML(true)
          .defaultValue("")
          .emptyStringIsFalse(true)
          .withLoader(NO_PARTIALS);
  private static final Mustache.Compiler PLAIN = HTML.escapeHTML(false);
  private static final Pattern PARTIAL = Pattern.compile("\\{\\{\\s*>");
  private static final Pattern LINE = Pattern.compile("@ line (\\d+)");

  private final Template subject;
  private final Template html;
  private final Optional<Template> text;
  private final boolean textDerived;
  private final Optional<SlottedHtml> slotted;

  private CompiledTemplate(
      Template subject,
      Template html,
      Optional<Template> text,
      boolean textDerived,
      Optional<SlottedHtml> slotted) {
    this.subject = subject;
    this.html = html;
    this.text = text;
    this.textDerived = textDerived;
    this.slotted = slotted;
  }

  /** Parses the three templates, naming the part and line of the first mistake. */
  public static CompiledTemplate compile(EmailContent content) throws TemplateException {
    Template subject = compile("subject", PLAIN, content.subject());
    Template html = compile("html", HTML, content.html());
    Optional<SlottedHtml> slotted = SlottedHtml.prepare(content.html(), HTML, PLAIN);
    if (content.text().isPresent()) {
      return new CompiledTemplate(
          subject, html, Optional.of(compile("text", PLAIN, content.text().get())), false, slotted);
    }
    return new CompiledTemplate(subject, html, derivedText(content.html()), true, slotted);
  }

  /**
   * Without a text template, the text part is derived from the HTML. Mustache tags are plain text
   * to the HTML-to-text conversion, so converting the template once per campaign gives a text
   * template that renders to what converting each rendered body would, minus the per-message parse
   * — the most expensive step of composing a message. When the tags do not survive the conversion
   * as a valid template (a section opened in an attribute, say), each message is converted after
   * rendering instead.
   */
  private static Optional<Template> derivedText(String htmlSource) {
    try {
      return Optional.of(PLAIN.compile(HtmlToText.convert(htmlSource)));
    } catch (MustacheException e) {
      return Optional.empty();
    }
  }

  String subject(Map<String, String> variables) {
    return subject.execute(variables);
  }

  /** The page with links, footer and pixel already placed, when the template allows it. */
  Optional<SlottedHtml> slotted() {
    return slotted;
  }

  String html(Map<String, String> variables) {
    return html.execute(variables);
  }

  Optional<String> text(Map<String, String> variables) {
    // Sections that rendered to nothing leave their own blank lines behind in a derived text.
    return text.map(t -> t.execute(variables))
        .map(rendered -> textDerived ? collapseBlankLines(rendered) : rendered);
  }

  /**
   * A line break followed by two or more blank lines (spaces and tabs allowed) becomes one empty
   * line, as a regex {@code \n([ \t]*\n){2,}} → {@code \n\n} would do, in one pass.
   */
  static String collapseBlankLines(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int n = text.length();
    int copied = 0;
    for (int i = text.indexOf('\n'); i >= 0 && i < n; i = text.indexOf('\n', i + 1)) {
      int blanks = 0;
      int next = i + 1;
      while (true) {
        int m = next;
        while (m < n && (text.charAt(m) == ' ' || text.charAt(m) == '\t')) {
          m++;
        }
        if (m < n && text.charAt(m) == '\n') {
          blanks++;
          next = m + 1;
        } else {
          break;
        }
      }
      if (blanks >= 2) {
        out.append(text, copied, i).append("\n\n");
        copied = next;
        i = next - 1;
      }
    }
    out.append(text, copied, n);
    return out.toString();
  }

  /**
   * One plain-text template (values not escaped, the same rules as a campaign's text part), named
   * {@code part} in errors: how the SMS channel compiles a message's text.
   */
  public static Template plainText(String part, String source) throws TemplateException {
    return compile(part, PLAIN, source);
  }

  private static Template compile(String part, Mustache.Compiler compiler, String source)
      throws TemplateException {
    Matcher partial = PARTIAL.matcher(source);
    if (partial.find()) {
      throw new TemplateException(
          part, lineOf(source, partial.start()), "partials ({{> name}}) are not supported");
    }
    try {
      return compiler.compile(source);
    } catch (MustacheException e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      Matcher line = LINE.matcher(message);
      int lineNumber = line.find() ? Integer.parseInt(line.group(1)) : 0;
      String reason = LINE.matcher(message).replaceAll("").strip().replaceAll("\\s+", " ");
      throw new TemplateException(part, lineNumber, reason);
    }
  }

  private static int lineOf(String source, int index) {
    int line = 1;
    for (int i = 0; i < index; i++) {
      if (source.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
