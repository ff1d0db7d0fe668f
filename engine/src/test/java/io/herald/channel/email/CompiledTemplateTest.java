package io.herald.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Templates compile once, render missing values as nothing, and name the line of a mistake. */
class CompiledTemplateTest {
  static CompiledTemplate compile(String subject, String html) throws TemplateException {
    return CompiledTemplate.compile(new EmailContent(subject, html, Optional.empty()));
  }

  @Test
  void missingVariablesRenderAsEmptyStrings() throws Exception {
    CompiledTemplate template =
        compile(
            "Hi {{name}}{{nickname}}!",
            "<p>{{company}}</p>{{#company}}at {{company}}{{/company}}.");
    Map<String, String> variables = Map.of("name", "Ann");
    assertThat(template.subject(variables)).isEqualTo("Hi Ann!");
    assertThat(template.html(variables)).isEqualTo("<p></p>.");
    assertThat(template.html(Map.of("company", "Acme"))).isEqualTo("<p>Acme</p>at Acme.");
  }

  @Test
  void valuesAreHtmlEscapedInHtmlButNotInSubjectOrText() throws Exception {
    CompiledTemplate template =
        CompiledTemplate.compile(
            new EmailContent("{{name}}", "<p>{{name}}</p>", Optional.of("{{name}}")));
    Map<String, String> variables = Map.of("name", "Tom & <Jerry>");
    assertThat(template.html(variables)).isEqualTo("<p>Tom &amp; &lt;Jerry&gt;</p>");
    assertThat(template.subject(variables)).isEqualTo("Tom & <Jerry>");
    assertThat(template.text(variables)).contains("Tom & <Jerry>");
  }

  @Test
  void anUnclosedSectionIsATemplateExceptionNamingTheLine() {
    assertThatThrownBy(() -> compile("Hi", "<p>one</p>\n<p>two</p>\n{{#offer}}<p>three</p>"))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith("html, line 3: ")
        .hasMessageContaining("offer")
        .satisfies(e -> assertThat(((TemplateException) e).line()).isEqualTo(3))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void mistakesInTheSubjectAndTextAreNamedToo() {
    assertThatThrownBy(() -> compile("Hi {{/x}}", "<p>ok</p>"))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith("subject, line 1: ");
    assertThatThrownBy(
            () ->
                CompiledTemplate.compile(
                    new EmailContent("Hi", "<p>ok</p>", Optional.of("a\nb\n{{#x}}"))))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith("text, line 3: ");
  }

  @Test
  void partialsAreRefused() {
    assertThatThrownBy(() -> compile("Hi", "<p>a</p>\n{{> footer}}"))
        .isInstanceOf(TemplateException.class)
        .hasMessage("html, line 2: partials ({{> name}}) are not supported");
  }
}
