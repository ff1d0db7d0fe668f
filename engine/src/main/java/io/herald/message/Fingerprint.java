package io.herald.message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A SHA-256 over a request's content, in a fixed, length-prefixed encoding, so that "the same key
 * with the same request" can be told from "the same key with a different request" without keeping
 * the first request. Every field counts, including the order of recipients.
 */
final class Fingerprint {
  private final MessageDigest digest;

  private Fingerprint() {
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  static String of(MessageRequest request) {
    Fingerprint f = new Fingerprint();
    switch (request) {
      case MessageRequest.Composed c -> {
        f.text("composed").list(c.to()).text(c.fromAddress()).text(c.fromName());
        f.optional(c.replyTo());
        switch (c.body()) {
          case MessageRequest.Body.Inline i ->
              f.text("inline").text(i.subject()).optional(i.html()).optional(i.text());
          case MessageRequest.Body.Template t -> {
            f.text("template").text(t.name());
            new TreeMap<>(t.data()).forEach((k, v) -> f.text(k).text(v));
          }
        }
      }
      case MessageRequest.Sms s -> f.text("sms").list(s.to()).text(s.from()).text(s.text());
      case MessageRequest.Raw r ->
          f.text("raw").text(r.envelopeSender()).list(r.recipients()).bytes(r.rfc822());
    }
    return HexFormat.of().formatHex(f.digest.digest());
  }

  static String ofKey(String idempotencyKey) {
    Fingerprint f = new Fingerprint();
    f.digest.update(idempotencyKey.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(f.digest.digest());
  }

  private Fingerprint text(String value) {
    return bytes(value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8));
  }

  private Fingerprint optional(Optional<String> value) {
    digest.update((byte) (value.isPresent() ? 1 : 0));
    return value.isPresent() ? text(value.get()) : this;
  }

  private Fingerprint list(List<String> values) {
    digest.update(ByteBuffer.allocate(4).putInt(values.size()).array());
    values.forEach(this::text);
    return this;
  }

  private Fingerprint bytes(byte[] value) {
    digest.update(ByteBuffer.allocate(4).putInt(value.length).array());
    digest.update(value);
    return this;
  }
}
