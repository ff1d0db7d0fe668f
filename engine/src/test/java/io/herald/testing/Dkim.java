package io.herald.testing;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks DKIM signatures (RFC 6376, relaxed/relaxed) of delivered bytes as a receiver would: the
 * body hash and the header signature recomputed from the message, with the public key taken from
 * the {@code v=DKIM1; k=…; p=…} record Herald told the account to publish.
 */
public final class Dkim {
  private Dkim() {}

  /** The tags of every {@code DKIM-Signature} field, top first. */
  public static List<Map<String, String>> signatures(byte[] rfc822) {
    return fields(rfc822).stream()
        .filter(f -> f.regionMatches(true, 0, "DKIM-Signature:", 0, 15))
        .map(Dkim::tags)
        .toList();
  }

  /** An RSA key from a DKIM record ({@code k=rsa}, the default). */
  public static PublicKey publicKey(String record) throws Exception {
    Map<String, String> tags = tags("x:" + record);
    byte[] der = Base64.getDecoder().decode(tags.get("p"));
    return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
  }

  /** Whether the body hash and the rsa-sha256 header signature of {@code tags} verify. */
  public static boolean verifies(byte[] rfc822, Map<String, String> tags, PublicKey key)
      throws Exception {
    String raw = new String(rfc822, StandardCharsets.ISO_8859_1);
    String body = raw.substring(raw.indexOf("\r\n\r\n") + 4);
    byte[] bodyHash =
        MessageDigest.getInstance("SHA-256")
            .digest(relaxedBody(body).getBytes(StandardCharsets.ISO_8859_1));
    if (!Base64.getEncoder().encodeToString(bodyHash).equals(tags.get("bh"))) {
      return false;
    }
    List<String> fields = fields(rfc822);
    String signatureField =
        fields.stream()
            .filter(f -> f.regionMatches(true, 0, "DKIM-Signature:", 0, 15))
            .filter(f -> tags(f).equals(tags))
            .findFirst()
            .orElseThrow();
    StringBuilder signed = new StringBuilder();
    Map<String, Integer> used = new HashMap<>();
    for (String name : tags.get("h").split(":")) {
      String lower = name.toLowerCase(Locale.ROOT);
      List<String> named =
          fields.stream()
              .filter(f -> f.regionMatches(true, 0, name + ":", 0, name.length() + 1))
              .toList();
      int taken = used.merge(lower, 1, Integer::sum);
      if (taken <= named.size()) {
        signed.append(relaxedHeader(named.get(named.size() - taken))).append("\r\n");
      }
    }
    signed.append(relaxedHeader(signatureField.replaceFirst("b=[^;]*$", "b=")));
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initVerify(key);
    rsa.update(signed.toString().getBytes(StandardCharsets.ISO_8859_1));
    return rsa.verify(Base64.getDecoder().decode(tags.get("b")));
  }

  /** The header fields of a message, each unfolded into one string "Name: value". */
  public static List<String> fields(byte[] rfc822) {
    String raw = new String(rfc822, StandardCharsets.ISO_8859_1);
    List<String> fields = new ArrayList<>();
    for (String line : raw.substring(0, raw.indexOf("\r\n\r\n")).split("\r\n")) {
      if (line.startsWith(" ") || line.startsWith("\t")) {
        fields.set(fields.size() - 1, fields.getLast() + "\r\n" + line);
      } else {
        fields.add(line);
      }
    }
    return fields;
  }

  /** The tags of a DKIM-Signature field (or record), white space removed. */
  public static Map<String, String> tags(String field) {
    Map<String, String> tags = new LinkedHashMap<>();
    String value = field.substring(field.indexOf(':') + 1).replaceAll("[ \\t\\r\\n]+", "");
    for (String tag : value.split(";")) {
      int eq = tag.indexOf('=');
      if (eq > 0) {
        tags.put(tag.substring(0, eq), tag.substring(eq + 1));
      }
    }
    return tags;
  }

  /** A header field in relaxed canonical form (RFC 6376 3.4.2). */
  public static String relaxedHeader(String field) {
    int colon = field.indexOf(':');
    String name = field.substring(0, colon).strip().toLowerCase(Locale.ROOT);
    String value = field.substring(colon + 1).replace("\r\n", "").replaceAll("[ \\t]+", " ");
    return name + ":" + value.strip();
  }

  /** A body in relaxed canonical form (RFC 6376 3.4.4). */
  public static String relaxedBody(String body) {
    StringBuilder out = new StringBuilder();
    for (String line : body.split("\r\n", -1)) {
      out.append(line.replaceAll("[ \\t]+", " ").replaceAll(" $", "")).append("\r\n");
    }
    String text = out.toString().replaceAll("(\r\n)+$", "");
    return text.isEmpty() ? "" : text + "\r\n";
  }
}
