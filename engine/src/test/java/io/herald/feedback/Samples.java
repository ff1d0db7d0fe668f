package io.herald.feedback;

import io.herald.channel.email.CompiledTemplate;
import io.herald.channel.email.EmailComposer;
import io.herald.channel.email.EmailContent;
import io.herald.channel.email.MessageContext;
import io.herald.channel.email.Recipient;
import io.herald.channel.email.Sender;
import io.herald.tracking.TokenSigner;
import io.herald.tracking.TrackingToken;
import io.herald.tracking.TrackingUrls;
import io.herald.tracking.VerpAddress;
import io.herald.tracking.VerpToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sample mails in {@code src/test/resources/feedback/} with real signed values put in: each
 * sample is a template whose {@code ${NAME}} placeholders stand for what a message Herald sent to
 * Ann carried (its return path, its List-Unsubscribe addresses...). Templates are written with LF
 * and sent with CRLF, as on the wire; the values are put in afterwards, as they are.
 */
final class Samples {
  static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  static final byte[] OTHER_KEY =
      "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
  static final TokenSigner SIGNER = new TokenSigner(KEY);
  static final TokenSigner OTHER_SIGNER = new TokenSigner(OTHER_KEY);
  static final String ACCOUNT = "00112233445566ff";
  static final String CAMPAIGN = "a0b1c2d3e4f50617";
  static final String CONTACT = "e:ann@example.org";
  static final long RECIPIENT = 42;
  static final String BOUNCE_DOMAIN = "bounces.example.com";
  static final String MAIL_DOMAIN = "mail.example.com";

  /** The reference every genuine VERP address of Ann's message proves. */
  static final MessageRef ANN_BY_NUMBER =
      new MessageRef.Recipient(new VerpToken(ACCOUNT, CAMPAIGN, RECIPIENT));

  /** The reference every genuine tracking token of Ann's message proves. */
  static final MessageRef ANN_BY_CONTACT = new MessageRef.Contact(ACCOUNT, CAMPAIGN, CONTACT);

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+)}");

  private Samples() {}

  /** The signed values a message to recipient {@code number} carried, signed with {@code key}. */
  static Map<String, String> signed(TokenSigner signer, long number) {
    VerpToken verp = new VerpToken(ACCOUNT, CAMPAIGN, number);
    TrackingUrls urls = urls(signer);
    String returnPath = VerpAddress.encode(signer, verp, BOUNCE_DOMAIN);
    String unsubscribeUrl =
        urls.unsubscribePage(new TrackingToken.Unsubscribe(ACCOUNT, CAMPAIGN, CONTACT));
    Map<String, String> values = new HashMap<>();
    values.put("BOUNCE_TO", returnPath);
    values.put("REPORT_SENDER", returnPath);
    values.put("RETURN_PATH", returnPath);
    values.put("UNSUB_URL", unsubscribeUrl);
    values.put("UNSUB_MAILTO", urls.unsubscribeMailbox(verp));
    values.put("BODY_URL", unsubscribeUrl);
    return values;
  }

  /** Ann's genuine values. */
  static Map<String, String> genuine() {
    return signed(SIGNER, RECIPIENT);
  }

  /** Look-alikes with no signature anywhere: no source holds a reference. */
  static Map<String, String> unsigned() {
    Map<String, String> values = new HashMap<>();
    values.put("BOUNCE_TO", "bounces@" + BOUNCE_DOMAIN);
    values.put("REPORT_SENDER", "bounces@" + BOUNCE_DOMAIN);
    values.put("RETURN_PATH", "bounces@" + BOUNCE_DOMAIN);
    values.put("UNSUB_URL", "https://shop.example.com/unsubscribe");
    values.put("UNSUB_MAILTO", "unsubscribe@" + MAIL_DOMAIN);
    values.put("BODY_URL", "https://shop.example.com/");
    return values;
  }

  /** Unsigned values except {@code name}, which is Ann's genuine one. */
  static Map<String, String> onlyGenuine(String name) {
    Map<String, String> values = unsigned();
    values.put(name, genuine().get(name));
    return values;
  }

  static TrackingUrls urls(TokenSigner signer) {
    return new TrackingUrls(URI.create("https://t.example.com"), signer, MAIL_DOMAIN);
  }

  /** The sample with every placeholder replaced; a placeholder without a value fails the test. */
  static byte[] mail(String name, Map<String, String> values) {
    return filled("/feedback/" + name, values);
  }

  /** The mail at {@code path} on the test class path, filled in as {@link #mail} does. */
  static byte[] filled(String path, Map<String, String> values) {
    String template = resource(path).replace("\r\n", "\n").replace("\n", "\r\n");
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException(path + " needs a value for " + m.group());
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  static byte[] mail(String name) {
    return mail(name, genuine());
  }

  static String resource(String path) {
    String name = path.startsWith("/") ? path : "/feedback/" + path;
    try (InputStream in = Samples.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no sample " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Ann's message exactly as {@link EmailComposer} writes it, with the {@code Return-Path} the
   * receiving MTA puts on top: the original that a bounce or a complaint returns.
   */
  static String composedOriginal() {
    try {
      EmailComposer composer =
          new EmailComposer(
              SIGNER,
              urls(SIGNER),
              BOUNCE_DOMAIN,
              "m.example.com",
              Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC),
              new SplittableRandom(7),
              List.of());
      CompiledTemplate template =
          CompiledTemplate.compile(
              new EmailContent(
                  "Spring sale, {{name}}",
                  "<html><body><p>Tulips are in. <a href=\"https://shop.example.com/tulips\">"
                      + "See them</a></p></body></html>",
                  Optional.empty()));
      var email =
          composer.compose(
              template,
              new MessageContext(
                  ACCOUNT,
                  CAMPAIGN,
                  new Recipient(CONTACT, RECIPIENT, "ann@example.org", "Ann Lee", Map.of()),
                  new Sender("Shop", "news@shop.example.com", Optional.empty()),
                  "You receive this because you subscribed on shop.example.com."));
      return "Return-Path: <"
          + email.envelopeFrom()
          + ">\r\n"
          + new String(email.rfc822(), StandardCharsets.ISO_8859_1);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
