package io.herald.message;

import io.herald.campaign.Channel;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated message as Herald keeps it until every recipient's copy is final: the recipients in
 * order (a copy is named by its index), and the content, composed or raw. Templates have been
 * rendered already, so what is stored is what goes out, plus Herald's footer and headers.
 */
public record StoredMessage(
    MessageId id, Instant createdAt, List<String> recipients, Content content) {
  public StoredMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(createdAt, "createdAt");
    recipients = List.copyOf(recipients);
    Objects.requireNonNull(content, "content");
  }

  /** The message body in one of its forms: an email composed or raw, or an SMS. */
  public sealed interface Content {
    /**
     * The sender: an email's From address (R5), for status, DKIM and the footer; an SMS's sender
     * ID.
     */
    String fromAddress();

    /** The subject, for status; may be empty for raw messages without one, and is for an SMS. */
    String subject();
  }

  /**
   * An SMS: the sender ID as validated (alphanumeric, or a number in E.164) and the text, sent as
   * it is; the recipients are E.164 numbers.
   */
  public record Sms(String sender, String text) implements Content {
    public Sms {
      Objects.requireNonNull(sender, "sender");
      Objects.requireNonNull(text, "text");
    }

    @Override
    public String fromAddress() {
      return sender;
    }

    @Override
    public String subject() {
      return "";
    }
  }

  /** Composed by Herald from the API's fields. {@code to} is what the To header shows. */
  public record Composed(
      String fromAddress,
      String fromName,
      Optional<String> replyTo,
      List<String> to,
      String subject,
      Optional<String> html,
      Optional<String> text)
      implements Content {
    public Composed {
      Objects.requireNonNull(fromAddress, "fromAddress");
      Objects.requireNonNull(fromName, "fromName");
      Objects.requireNonNull(replyTo, "replyTo");
      to = List.copyOf(to);
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(html, "html");
      Objects.requireNonNull(text, "text");
    }
  }

  /** As received by the relay; the array is not copied and never changed. */
  public record Raw(String envelopeSender, String fromAddress, String subject, byte[] rfc822)
      implements Content {
    public Raw {
      Objects.requireNonNull(envelopeSender, "envelopeSender");
      Objects.requireNonNull(fromAddress, "fromAddress");
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(rfc822, "rfc822");
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Raw that
          && envelopeSender.equals(that.envelopeSender)
          && fromAddress.equals(that.fromAddress)
          && subject.equals(that.subject)
          && Arrays.equals(rfc822, that.rfc822);
    }

    @Override
    public int hashCode() {
      return Objects.hash(envelopeSender, fromAddress, subject, Arrays.hashCode(rfc822));
    }

    @Override
    public String toString() {
      return "Raw[from " + fromAddress + ", " + rfc822.length + " bytes]";
    }
  }

  /** {@code smtp} for raw messages, {@code api} for the others. */
  public String source() {
    return content instanceof Raw ? "smtp" : "api";
  }

  /** The channel the message goes by. */
  public Channel channel() {
    return content instanceof Sms ? Channel.SMS : Channel.EMAIL;
  }
}
