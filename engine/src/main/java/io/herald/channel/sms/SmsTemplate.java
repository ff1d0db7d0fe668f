package io.herald.channel.sms;

import com.samskivert.mustache.Template;
import io.herald.channel.email.CompiledTemplate;
import io.herald.channel.email.TemplateException;
import java.util.Map;
import java.util.Objects;

/**
 * A campaign's (or a transactional message's) SMS text parsed once as a Mustache template, with
 * what the composer must do around it: whether it is marketing (the opt-out line is appended,
 * always) or transactional (no opt-out line), and whether its links become short tracked links.
 * Line ends are normalised to LF when compiled (a CR is one more billed unit). Immutable and
 * thread-safe.
 */
public final class SmsTemplate {
  /** Why the SMS is sent, which decides whether it carries the opt-out line (R3). */
  public enum Purpose {
    /** A campaign: the opt-out line in the list's language ends every message. */
    MARKETING,
    /** A message the recipient's own action asked for (a code, an order): no opt-out line. */
    TRANSACTIONAL
  }

  private final Template text;
  private final Purpose purpose;
  private final boolean trackClicks;

  private SmsTemplate(Template text, Purpose purpose, boolean trackClicks) {
    this.text = text;
    this.purpose = purpose;
    this.trackClicks = trackClicks;
  }

  /**
   * Parses {@code text}; variables the contact lacks render as nothing, as in email.
   *
   * @throws TemplateException naming the line of the first mistake (part {@code "text"})
   */
  public static SmsTemplate compile(String text, Purpose purpose, boolean trackClicks)
      throws TemplateException {
    Objects.requireNonNull(purpose, "purpose");
    String lineFeeds = text.replace("\r\n", "\n").replace('\r', '\n');
    return new SmsTemplate(CompiledTemplate.plainText("text", lineFeeds), purpose, trackClicks);
  }

  public Purpose purpose() {
    return purpose;
  }

  /** True when every http(s) link in the text is replaced by a short tracked link. */
  public boolean trackClicks() {
    return trackClicks;
  }

  /**
   * The text for one recipient, before any line Herald appends: personalised with the contact's
   * values (cleaned by {@link ContactValues}, so a value cannot add a line or hide a link), then
   * every http(s) link replaced by a short tracked link when {@link #trackClicks()}, and stripped.
   * Variables: every contact field by its name, then {@code name} and {@code phone}, which a field
   * can never override. Channel-neutral: the SMS and the Viber composers both start from it.
   */
  public String personalise(
      ShortLinks links, ShortLinkTarget target, String name, Map<String, String> fields) {
    Map<String, String> variables = ContactValues.clean(fields);
    variables.put("name", ContactValues.clean(name));
    variables.put("phone", ContactValues.clean(target.phone()));
    String body = text.execute(variables);
    if (trackClicks) {
      body = TextLinks.replace(body, url -> links.click(target, url));
    }
    return body.strip();
  }
}
