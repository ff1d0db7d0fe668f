package io.herald.channel.email;

import io.herald.tracking.TokenSigner;
import io.herald.tracking.TrackingToken;
import io.herald.tracking.TrackingUrls;
import io.herald.tracking.VerpAddress;
import io.herald.tracking.VerpToken;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Turns a compiled campaign template and one recipient into a finished, compliant message. Whatever
 * the template does, every message gets: the consent statement (R4) and an unsubscribe link at the
 * end of both the HTML and the text part (R3); {@code List-Unsubscribe} with an https and a mailto
 * address and {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} (RFC 8058); the sender's
 * own address in From (R5); a {@code Feedback-ID} for mailbox providers' complaint loops; a signed
 * VERP envelope sender so that a late bounce finds the recipient; click tracking and an open pixel;
 * and a DKIM signature when a key covers the From domain. Contact values never reach a header
 * unsanitised. Thread-safe: one composer serves all delivery workers.
 *
 * <p>Template variables: every contact field by its name, then {@code name}, {@code email}, {@code
 * unsubscribe_url} and {@code consent_statement}, which a contact field can never override.
 */
public final class EmailComposer {
  /** RFC 5322 date-time; Jakarta Mail's MailDateFormat costs ten times more per message. */
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss xx", Locale.ROOT);

  static {
    MailStreams.nameTheProvider();
  }

  private final TokenSigner signer;
  private final TrackingUrls urls;
  private final String returnPathDomain;
  private final String messageIdDomain;
  private final Clock clock;
  private final RandomGenerator random;
  private final List<DkimSigning> dkim;

  /**
   * @param dkim the DKIM keys of the sending domains; a message is signed by every key that covers
   *     its From domain (say an RSA and an Ed25519 key), and sent unsigned when none does
   */
  public EmailComposer(
      TokenSigner signer,
      TrackingUrls urls,
      String returnPathDomain,
      String messageIdDomain,
      Clock clock,
      RandomGenerator random,
      List<DkimSigning> dkim) {
    this.signer = signer;
    this.urls = urls;
    this.returnPathDomain = returnPathDomain;
    this.messageIdDomain = messageIdDomain;
    this.clock = clock;
    this.random = random;
    this.dkim = List.copyOf(dkim);
  }

  /**
   * The message for one recipient.
   *
   * @throws IllegalArgumentException when the recipient's or sender's address is not a valid
   *     address; the caller records that recipient as failed and goes on
   */
  public OutgoingEmail compose(CompiledTemplate template, MessageContext context) {
    return compose(template, context, List.of());
  }

  /**
   * The message for one recipient, signed also by {@code accountKeys} (the keys of the sending
   * account's verified domain) where they cover the From domain.
   */
  public OutgoingEmail compose(
      CompiledTemplate template, MessageContext context, List<DkimSigning> accountKeys) {
    Recipient recipient = context.recipient();
    String account = context.accountId();
    String campaign = context.campaignId();
    String contact = recipient.contactKey();
    String unsubscribeUrl =
        urls.unsubscribePage(new TrackingToken.Unsubscribe(account, campaign, contact));
    VerpToken verp = new VerpToken(account, campaign, recipient.recipientNumber());
    Map<String, String> variables = variables(context, unsubscribeUrl);

    // Open and click tokens carry when the message was made: the tracking endpoints take an open or
    // a click seconds later for a machine's (a security gateway scanning the message on arrival).
    Instant issuedAt = clock.instant();
    java.util.function.UnaryOperator<String> click =
        url ->
            urls.isOwn(url)
                ? url
                : urls.click(new TrackingToken.Click(account, campaign, contact, url, issuedAt));
    String pixel = urls.openPixel(new TrackingToken.Open(account, campaign, contact, issuedAt));
    String html;
    java.util.function.Supplier<String> rendered;
    if (template.slotted().isPresent()) {
      html =
          template
              .slotted()
              .get()
              .render(
                  variables,
                  url -> HtmlBody.isWeb(url) ? click.apply(url) : url,
                  context.consentStatement(),
                  unsubscribeUrl,
                  pixel);
      rendered = () -> template.html(variables);
    } else {
      String page = template.html(variables);
      html = HtmlBody.finish(page, click, context.consentStatement(), unsubscribeUrl, pixel);
      rendered = () -> page;
    }
    String text =
        template.text(variables).orElseGet(() -> HtmlToText.convert(rendered.get())).strip()
            + "\n\n"
            + context.consentStatement()
            + "\nUnsubscribe: "
            + unsubscribeUrl
            + "\n";

    String unique = uniqueHex();
    String messageId = messageId(campaign, unique);
    Sender sender = context.sender();
    CampaignMime.Headers headers =
        new CampaignMime.Headers(
            DATE.format(clock.instant().atZone(ZoneOffset.UTC)),
            address(sender.fromAddress(), sender.fromName()),
            address(recipient.email(), recipient.name()),
            sender.replyTo().map(r -> address(r, "")),
            messageId,
            HeaderText.clean(template.subject(variables)),
            "<" + unsubscribeUrl + ">,\r\n <mailto:" + urls.unsubscribeMailbox(verp) + ">",
            campaign + ":" + account + ":herald");
    byte[] unsigned =
        CampaignMime.write(
            headers,
            "=_herald_" + unique,
            QuotedPrintable.encodeToBytes(text),
            QuotedPrintable.encodeToBytes(html));
    return new OutgoingEmail(
        VerpAddress.encode(signer, verp, returnPathDomain),
        recipient.email(),
        messageId,
        DkimSigning.signByEvery(
            accountKeys.isEmpty() ? dkim : concat(dkim, accountKeys),
            unsigned,
            sender.fromAddress()));
  }

  private static List<DkimSigning> concat(List<DkimSigning> a, List<DkimSigning> b) {
    List<DkimSigning> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** 96 random bits in hex: the Message-ID's unique part, and the MIME boundary's. */
  private String uniqueHex() {
    byte[] unique = new byte[12];
    random.nextBytes(unique);
    return HexFormat.of().formatHex(unique);
  }

  private String messageId(String campaign, String unique) {
    return "<"
        + Long.toString(clock.millis(), 36)
        + "."
        + unique
        + "."
        + campaign
        + "@"
        + messageIdDomain
        + ">";
  }

  private static Map<String, String> variables(MessageContext context, String unsubscribeUrl) {
    Recipient recipient = context.recipient();
    Map<String, String> variables = new HashMap<>(recipient.fields());
    variables.put("name", recipient.name());
    variables.put("email", recipient.email());
    variables.put("unsubscribe_url", unsubscribeUrl);
    variables.put("consent_statement", context.consentStatement());
    return variables;
  }

  /** A validated address with a display name made safe for a header (RFC 2047 when non-ASCII). */
  private static InternetAddress address(String email, String displayName) {
    String clean = HeaderText.clean(displayName);
    try {
      if (!email.equals(HeaderText.clean(email))) {
        throw new AddressException("control characters or spaces", email);
      }
      InternetAddress address = new InternetAddress(email, clean.isEmpty() ? null : clean, "UTF-8");
      address.validate();
      return address;
    } catch (AddressException | UnsupportedEncodingException e) {
      throw new IllegalArgumentException("not a valid address: " + email, e);
    }
  }
}
