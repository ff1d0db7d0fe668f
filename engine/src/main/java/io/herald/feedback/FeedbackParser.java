package io.herald.feedback;

import io.herald.feedback.FeedbackReport.Unrecognised;
import io.herald.tracking.TokenSigner;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads a mail that reached Herald's bounce or feedback-loop address and says what it reports — a
 * {@link FeedbackReport.Bounce} (RFC 3464 DSN; or, when there is none or it names no recipient, a
 * plain-text bounce read by {@link TextReport}), a {@link FeedbackReport.Complaint} (RFC 5965 ARF,
 * or a provider's own format), an {@link FeedbackReport.Ignored} report (a delay, a success, an
 * auto-reply, {@code not-spam}) — and about which of our messages, or {@link Unrecognised}. It
 * never throws for bad input and reads at most {@code maxBytes}. Pure: no I/O beyond the given
 * stream; immutable and thread-safe.
 *
 * <p>The message is the one a signed reference proves, never one an unsigned address suggests.
 * Sources are tried strongest first and the first that holds a verified reference wins:
 *
 * <ol>
 *   <li>the SMTP envelope recipient the mail was delivered to ({@code bounces+…@});
 *   <li>the mail's own delivery headers ({@code X-Original-To}, {@code Delivered-To}, {@code
 *       Envelope-To}, {@code X-Envelope-To}, {@code To}), which name that same address when the
 *       envelope was not passed on;
 *   <li>the report part's fields (ARF {@code Original-Mail-From}, Postfix's {@code
 *       X-Postfix-Sender} in a DSN);
 *   <li>the returned original's {@code Return-Path}, then {@code List-Unsubscribe} (the {@code
 *       mailto:unsub+…@} or the {@code /u/<token>} link), then the rest of its header;
 *   <li>the text of the original's body (footer unsubscribe link, tracked links);
 *   <li>the mail's own plain text, where plain-text bounces quote the original.
 * </ol>
 */
public final class FeedbackParser {
  /** The largest mail read by default: a DSN or ARF report with its original is far smaller. */
  public static final int DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

  /** The most of a pasted text {@link #referenceIn} looks at. */
  static final int MAX_PASTED = 256 * 1024;

  private static final List<String> DELIVERY_HEADERS =
      List.of("X-Original-To", "Delivered-To", "Envelope-To", "X-Envelope-To", "To");

  private final References references;
  private final MimeReader mime = new MimeReader();
  private final int maxBytes;

  /** A parser that verifies references with {@code signer} and reads mails up to 10 MiB. */
  public FeedbackParser(TokenSigner signer) {
    this(signer, DEFAULT_MAX_BYTES);
  }

  /** A parser that refuses mails larger than {@code maxBytes}. */
  public FeedbackParser(TokenSigner signer, int maxBytes) {
    if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxBytes out of range: " + maxBytes);
    }
    this.references = new References(Objects.requireNonNull(signer, "signer"));
    this.maxBytes = maxBytes;
  }

  /**
   * What the mail reports. The stream is read (up to {@code maxBytes} + 1) but not closed.
   *
   * @param rfc822 the mail as received, header and body
   * @param envelopeRecipient the RCPT TO address it was delivered to, when the receiver knows it
   */
  public FeedbackReport parse(InputStream rfc822, Optional<String> envelopeRecipient) {
    Objects.requireNonNull(rfc822, "rfc822");
    Objects.requireNonNull(envelopeRecipient, "envelopeRecipient");
    byte[] mail;
    try {
      mail = rfc822.readNBytes(maxBytes + 1);
    } catch (IOException e) {
      return new Unrecognised("the mail could not be read");
    }
    if (mail.length > maxBytes) {
      return new Unrecognised("the mail is larger than " + maxBytes + " bytes");
    }
    if (isBlank(mail)) {
      return new Unrecognised("the mail is empty");
    }
    Optional<String> misshapen = MimeShape.refusal(mail);
    if (misshapen.isPresent()) {
      return new Unrecognised("the mail has " + misshapen.get());
    }
    try {
      return report(mime.read(mail), envelopeRecipient);
    } catch (MessagingException | RuntimeException malformed) {
      // The bytes come from anyone on the internet; a parser bug they trigger must not become an
      // exception in the caller's loop, only an unrecognised mail.
      return new Unrecognised("the mail is not readable MIME");
    }
  }

  /**
   * The message a spam-report form's input is about: a bare signed token, a link or address that
   * holds one, or a block of pasted message headers (or a whole message source). Only a reference
   * our key verifies is returned; at most the first 256 KiB of the text are looked at.
   */
  public Optional<MessageRef> referenceIn(String pastedHeadersOrToken) {
    if (pastedHeadersOrToken == null || pastedHeadersOrToken.isBlank()) {
      return Optional.empty();
    }
    String text =
        pastedHeadersOrToken.length() > MAX_PASTED
            ? pastedHeadersOrToken.substring(0, MAX_PASTED)
            : pastedHeadersOrToken;
    Optional<MessageRef> bare = references.bareToken(text);
    if (bare.isPresent()) {
      return bare;
    }
    Fields header = Fields.header(text.stripLeading());
    return references.first(
        List.of(
            () -> String.join("\n", header.all("Return-Path")),
            () -> String.join("\n", header.all("List-Unsubscribe")),
            () -> text));
  }

  private FeedbackReport report(ReportParts parts, Optional<String> envelopeRecipient) {
    Optional<MessageRef> ref = references.first(sources(parts, envelopeRecipient));
    if (ref.isEmpty()) {
      return new Unrecognised("no verified reference to a message of ours");
    }
    if (parts.deliveryStatus().isPresent()) {
      FeedbackReport report =
          DeliveryStatusReport.read(
              parts.deliveryStatus().get(), Explanation.of(parts.humanText()), ref.get());
      if (!(report instanceof Unrecognised)) {
        return report;
      }
    }
    Optional<String> feedbackReport =
        parts
            .feedbackReport()
            .or(() -> parts.header().first("Feedback-Type").map(type -> joined(parts.header())));
    if (feedbackReport.isPresent()) {
      return ArfReport.read(feedbackReport.get(), ref.get());
    }
    return TextReport.read(parts, ref.get());
  }

  private static List<Supplier<String>> sources(ReportParts parts, Optional<String> envelope) {
    List<Supplier<String>> sources = new ArrayList<>();
    sources.add(() -> envelope.orElse(""));
    for (String name : DELIVERY_HEADERS) {
      sources.add(() -> String.join("\n", parts.header().all(name)));
    }
    sources.add(() -> parts.deliveryStatus().or(parts::feedbackReport).orElse(""));
    parts
        .originalHeader()
        .ifPresent(
            original -> {
              sources.add(() -> String.join("\n", original.all("Return-Path")));
              sources.add(() -> String.join("\n", original.all("List-Unsubscribe")));
              sources.add(() -> joined(original));
            });
    sources.add(parts::originalText);
    sources.add(parts::humanText);
    return sources;
  }

  private static String joined(Fields fields) {
    StringBuilder out = new StringBuilder();
    for (Fields.Field field : fields.list()) {
      out.append(field.name()).append(": ").append(field.value()).append('\n');
    }
    return out.toString();
  }

  private static boolean isBlank(byte[] mail) {
    for (byte b : mail) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }
}
