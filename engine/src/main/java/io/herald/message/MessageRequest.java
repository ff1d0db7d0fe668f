package io.herald.message;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One transactional message as a client hands it to {@link Messages#submit}: {@link Composed} (the
 * HTTP API: addresses, subject and bodies, or a stored template and its data), {@link Raw} (the
 * SMTP relay: the envelope and the RFC 5322 bytes exactly as received) or {@link Sms} (the HTTP API
 * with {@code "channel": "sms"}). Nothing here is validated yet; {@code submit} does that and
 * refuses with a reason.
 */
public sealed interface MessageRequest {

  /**
   * A message Herald composes. {@code to} holds one or a few recipients (each gets their own copy,
   * with their own unsubscribe link and return path; the {@code To} header shows them all).
   */
  record Composed(
      List<String> to, String fromAddress, String fromName, Optional<String> replyTo, Body body)
      implements MessageRequest {
    public Composed {
      to = List.copyOf(Objects.requireNonNull(to, "to"));
      Objects.requireNonNull(fromAddress, "fromAddress");
      fromName = fromName == null ? "" : fromName;
      Objects.requireNonNull(replyTo, "replyTo");
      Objects.requireNonNull(body, "body");
    }
  }

  /**
   * A transactional SMS: phone numbers as the client wrote them (normalised to E.164 by {@code
   * submit}), a sender ID (alphanumeric, or a number in E.164) and the text, sent as it is (no
   * opt-out line: a transactional SMS is not marketing).
   */
  record Sms(List<String> to, String from, String text) implements MessageRequest {
    public Sms {
      to = List.copyOf(Objects.requireNonNull(to, "to"));
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(text, "text");
    }
  }

  /** What a composed message says: given inline, or rendered from a stored template. */
  sealed interface Body {
    /** The subject and at least one of the HTML and text bodies, taken literally. */
    record Inline(String subject, Optional<String> html, Optional<String> text) implements Body {
      public Inline {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(text, "text");
      }
    }

    /**
     * The account's stored template {@code name} (see {@link Messages#putTemplate}), rendered with
     * {@code data} once, when the message is accepted; a template changed later does not change a
     * message already accepted.
     */
    record Template(String name, Map<String, String> data) implements Body {
      public Template {
        Objects.requireNonNull(name, "name");
        data = Map.copyOf(data);
      }
    }
  }

  /**
   * A finished message from the SMTP relay: the envelope sender ({@code MAIL FROM}, empty for the
   * null sender), the envelope recipients ({@code RCPT TO}) and the message bytes as received
   * (without the SMTP dot-stuffing). Herald adds its footer and headers at delivery time. The array
   * is not copied: no one may change it after handing it over.
   */
  record Raw(String envelopeSender, List<String> recipients, byte[] rfc822)
      implements MessageRequest {
    public Raw {
      Objects.requireNonNull(envelopeSender, "envelopeSender");
      recipients = List.copyOf(Objects.requireNonNull(recipients, "recipients"));
      Objects.requireNonNull(rfc822, "rfc822");
    }

    /**
     * Reads a message from a stream, refusing it as soon as it passes {@code maxBytes} (so that an
     * oversized message is never held in memory whole).
     */
    public static Raw read(
        String envelopeSender, List<String> recipients, InputStream in, int maxBytes)
        throws IOException, MessageRefused {
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, 64 * 1024));
      byte[] buffer = new byte[16 * 1024];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        if (out.size() + n > maxBytes) {
          throw new MessageRefused(
              MessageRefused.Reason.TOO_LARGE, "the message is larger than " + maxBytes + " bytes");
        }
        out.write(buffer, 0, n);
      }
      return new Raw(envelopeSender, recipients, out.toByteArray());
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Raw that
          && envelopeSender.equals(that.envelopeSender)
          && recipients.equals(that.recipients)
          && java.util.Arrays.equals(rfc822, that.rfc822);
    }

    @Override
    public int hashCode() {
      return Objects.hash(envelopeSender, recipients, java.util.Arrays.hashCode(rfc822));
    }

    @Override
    public String toString() {
      return "Raw[from " + envelopeSender + " to " + recipients + ", " + rfc822.length + " bytes]";
    }
  }
}
