package io.herald.channel.email;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a message as the SMTP relay received it into the copy Herald sends, changing only what it
 * must and copying every other byte as the client sent it (headers in UTF-8 included, RFC 6532):
 *
 * <ul>
 *   <li>the footer goes into the message's own body text: the first text/plain and the first
 *       text/html part that are not files (attachments, or parts with a file name), outside signed,
 *       encrypted and attached messages; those parts become UTF-8 quoted-printable;
 *   <li>a signed or encrypted message, or one with no body text (a lone attachment), is wrapped in
 *       a multipart/mixed beside a footer part, its own part kept byte for byte; a multipart/mixed
 *       without body text gets the footer part as its last part;
 *   <li>Herald's headers replace the client's {@code List-Unsubscribe}, {@code
 *       List-Unsubscribe-Post}, {@code Feedback-ID}; a client's {@code Return-Path}, {@code
 *       DKIM-Signature} (the body changes) and {@code Bcc} are removed; Message-ID and Date are
 *       added when missing.
 * </ul>
 *
 * What it cannot do is {@link Undeliverable} with the reason (an unknown charset or encoding in the
 * body text, broken base64 there, a line over 998 octets in a part passed on unchanged); {@code
 * TransactionalEmails.inspect} finishes each raw message once before it is accepted, so the relay
 * refuses such a message at DATA instead of accepting it and failing later.
 */
final class RawFinisher {
  private static final List<String> REMOVED =
      List.of(
          "Return-Path",
          "DKIM-Signature",
          "Bcc",
          "List-Unsubscribe",
          "List-Unsubscribe-Post",
          "Feedback-ID");
  private static final int MAX_LINE = 998;

  /** The headers Herald sets on a copy. */
  record Headers(String listUnsubscribe, String feedbackId, String messageId, String date) {}

  /** A body text part and what it says. */
  private record Text(MimePart part, String text, boolean html) {}

  /** What finishing a message does: foot its body texts, add a part to it, or wrap it. */
  private sealed interface Plan {
    record Foot(List<Text> texts) implements Plan {}

    record AddPart() implements Plan {}

    record Wrap() implements Plan {}
  }

  byte[] finish(byte[] rfc822, TransactionalFooter footer, Headers headers) throws Undeliverable {
    MimePart top = MimeReader.read(rfc822);
    Plan plan = plan(rfc822, top);
    Splice splice = new Splice(rfc822);
    StringBuilder added = new StringBuilder();
    boolean hasId = false;
    for (MimePart.Field field : top.fields()) {
      if (REMOVED.stream().anyMatch(field::is)
          || (field.is("Message-ID") && (hasId || field.value().isBlank()))) {
        splice.remove(field.start(), field.end());
      }
      hasId |= field.is("Message-ID") && !field.value().isBlank();
    }
    added.append("List-Unsubscribe: ").append(headers.listUnsubscribe()).append("\r\n");
    added.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
    added.append("Feedback-ID: ").append(headers.feedbackId()).append("\r\n");
    if (!hasId) {
      added.append("Message-ID: ").append(headers.messageId()).append("\r\n");
    }
    if (top.field("Date").isEmpty()) {
      added.append("Date: ").append(headers.date()).append("\r\n");
    }
    switch (plan) {
      case Plan.Foot foot -> {
        // The top's own fields first: its header insertions share the position of Herald's.
        for (Text text : foot.texts()) {
          if (text.part() == top) {
            added.append(retype(splice, top));
          }
        }
        splice.insert(top.headerEnd(), added.toString());
        for (Text text : foot.texts()) {
          if (text.part() != top) {
            splice.insert(text.part().headerEnd(), retype(splice, text.part()));
          }
          foot(splice, text, footer);
        }
      }
      case Plan.AddPart add -> {
        splice.insert(top.headerEnd(), added.toString());
        String boundary = top.type().orElseThrow().getParameter("boundary");
        splice.insert(
            top.closeAt(), "\r\n--" + boundary + "\r\n" + footerPart(footer).stripTrailing());
      }
      case Plan.Wrap wrap -> wrap(rfc822, top, splice, added, footer, headers.messageId());
    }
    return splice.apply();
  }

  private static Plan plan(byte[] message, MimePart top) throws Undeliverable {
    List<Text> texts = new ArrayList<>();
    if (!top.isSealed()) {
      MimePart[] found = new MimePart[2];
      bodyTexts(top, found);
      for (int i = 0; i < 2; i++) {
        if (found[i] != null) {
          texts.add(new Text(found[i], BodyText.read(message, found[i]), i == 1));
        }
      }
    }
    checkLines(message, texts);
    if (!texts.isEmpty()) {
      return new Plan.Foot(texts);
    }
    return top.isType("multipart/mixed") && top.closeAt() >= 0
        ? new Plan.AddPart()
        : new Plan.Wrap();
  }

  /**
   * The first text/plain ({@code found[0]}) and text/html ({@code found[1]}) that are not files.
   */
  private static void bodyTexts(MimePart part, MimePart[] found) {
    if (part.isSealed() || part.isType("message/*")) {
      return;
    }
    if (!part.children().isEmpty()) {
      for (MimePart child : part.children()) {
        bodyTexts(child, found);
      }
      return;
    }
    if (part.isType("multipart/*") || part.isFile()) {
      return;
    }
    if (found[0] == null && part.isType("text/plain")) {
      found[0] = part;
    } else if (found[1] == null && part.isType("text/html")) {
      found[1] = part;
    }
  }

  /**
   * RFC 5322 section 2.1.1: no line over 998 octets. Herald re-encodes its body texts, so only the
   * bytes it passes on as they are must keep to it.
   */
  private static void checkLines(byte[] message, List<Text> rewritten) throws Undeliverable {
    int lineStart = 0;
    int lineNumber = 1;
    for (int i = 0; i <= message.length; i++) {
      boolean end = i == message.length || message[i] == '\n';
      if (!end) {
        continue;
      }
      int length = i - lineStart - (i > lineStart && message[i - 1] == '\r' ? 1 : 0);
      if (length > MAX_LINE && !inside(lineStart, rewritten)) {
        throw new Undeliverable(
            "line "
                + lineNumber
                + " is longer than 998 characters (RFC 5322 2.1.1); encode that part in base64"
                + " or quoted-printable");
      }
      lineStart = i + 1;
      lineNumber++;
    }
  }

  private static boolean inside(int position, List<Text> texts) {
    return texts.stream()
        .anyMatch(t -> position >= t.part().bodyStart() && position < t.part().bodyEnd());
  }

  /** Sets a body text part's Content-Type and encoding; returns the fields to add at its end. */
  private static String retype(Splice splice, MimePart part) {
    StringBuilder missing = new StringBuilder();
    String type = "Content-Type: " + BodyText.contentType(part) + "\r\n";
    String encoding = "Content-Transfer-Encoding: quoted-printable\r\n";
    replaceOrAdd(splice, part, "Content-Type", type, missing);
    replaceOrAdd(splice, part, "Content-Transfer-Encoding", encoding, missing);
    return missing.toString();
  }

  private static void replaceOrAdd(
      Splice splice, MimePart part, String name, String line, StringBuilder missing) {
    boolean first = true;
    for (MimePart.Field field : part.fields()) {
      if (field.is(name)) {
        splice.replace(field.start(), field.end(), first ? line : "");
        first = false;
      }
    }
    if (first) {
      missing.append(line);
    }
  }

  private static void foot(Splice splice, Text text, TransactionalFooter footer) {
    MimePart part = text.part();
    String footed = text.html() ? footer.html(text.text()) : footer.text(text.text());
    byte[] body = BodyText.encode(footed);
    if (part.bodyStart() == part.headerEnd()) {
      splice.insert(part.bodyStart(), "\r\n"); // the part had no blank line before its body
    }
    splice.replace(part.bodyStart(), part.bodyEnd(), body);
  }

  /**
   * The message becomes a multipart/mixed of two parts: the original entity (its Content-* fields
   * and its body, byte for byte) and the footer.
   */
  private static void wrap(
      byte[] message,
      MimePart top,
      Splice splice,
      StringBuilder added,
      TransactionalFooter footer,
      String seed) {
    StringBuilder inner = new StringBuilder();
    List<byte[]> moved = new ArrayList<>();
    for (MimePart.Field field : top.fields()) {
      if (field.name().regionMatches(true, 0, "Content-", 0, 8)) {
        moved.add(java.util.Arrays.copyOfRange(message, field.start(), field.end()));
        splice.remove(field.start(), field.end());
      }
    }
    String boundary = boundary(message, seed);
    if (top.field("MIME-Version").isEmpty()) {
      added.append("MIME-Version: 1.0\r\n");
    }
    added
        .append("Content-Type: multipart/mixed;\r\n boundary=\"")
        .append(boundary)
        .append("\"\r\n");
    splice.insert(top.headerEnd(), added.toString());
    if (top.bodyStart() == top.headerEnd()) {
      splice.insert(top.bodyStart(), "\r\n");
    }
    splice.insert(top.bodyStart(), "--" + boundary + "\r\n");
    for (byte[] field : moved) {
      splice.replace(top.bodyStart(), top.bodyStart(), field);
    }
    splice.insert(top.bodyStart(), "\r\n");
    inner.append("\r\n--").append(boundary).append("\r\n");
    inner.append(footerPart(footer)).append("\r\n--").append(boundary).append("--\r\n");
    splice.insert(top.bodyEnd(), inner.toString());
  }

  /** A footer part of its own: the text footer alone. */
  private static String footerPart(TransactionalFooter footer) {
    return "Content-Type: text/plain; charset=UTF-8\r\n"
        + "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        + new String(BodyText.encode(footer.text("")), StandardCharsets.US_ASCII);
  }

  /** A boundary found nowhere in the message ({@code =_} cannot occur in base64 or QP). */
  private static String boundary(byte[] message, String seed) {
    for (int i = 0; ; i++) {
      String candidate = "=_herald_" + Integer.toHexString((seed + i).hashCode()) + "_" + i;
      if (!contains(message, candidate.getBytes(StandardCharsets.US_ASCII))) {
        return candidate;
      }
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
