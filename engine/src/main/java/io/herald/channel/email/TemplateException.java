package io.herald.channel.email;

/**
 * A campaign template that cannot be compiled, with a one-line reason naming the part (subject,
 * html, text) and the line. It is checked because it is the marketer's input that is wrong, and the
 * caller must turn it into a clear refusal rather than a failed campaign.
 */
public final class TemplateException extends Exception {
  private final String part;
  private final int line;

  public TemplateException(String part, int line, String reason) {
    super(part + (line > 0 ? ", line " + line : "") + ": " + reason);
    this.part = part;
    this.line = line;
  }

  /** {@code subject}, {@code html} or {@code text}. */
  public String part() {
    return part;
  }

  /** The 1-based line of the template, or 0 when the reason is not tied to a line. */
  public int line() {
    return line;
  }
}
