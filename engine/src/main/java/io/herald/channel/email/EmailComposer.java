package io.herald.channel.email;

import io.herald.tracking.TokenSigner;
import io.herald.tracking.TrackingToken;
import io.herald.tracking.TrackingUrls;
import io.herald.tracking.VerpAddress;
import io.herald.tracking.VerpToken;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.PreencodedMimeBodyPart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import java.util.Properties;
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
  private final Session session = Session.getInstance(new Properties());

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

    String messageId = messageId(campaign);
    Headers headers =
        new Headers(
            HeaderText.clean(template.subject(variables)),
            unsubscribeUrl,
            urls.unsubscribeMailbox(verp),
            campaign + ":" + account + ":herald");
    MimeMessage message = mime(context, messageId, headers, text, html);
    return new OutgoingEmail(
        VerpAddress.encode(signer, verp, returnPathDomain),
        recipient.email(),
        messageId,
        serialise(message, context.sender().fromAddress()));
  }

  private record Headers(
      String subject, String unsubscribeUrl, String unsubscribeMailbox, String feedbackId) {}

  private static Map<String, String> variables(MessageContext context, String unsubscribeUrl) {
    Recipient recipient = context.recipient();
    Map<String, String> variables = new HashMap<>(recipient.fields());
    variables.put("name", recipient.name());
    variables.put("email", recipient.email());
    variables.put("unsubscribe_url", unsubscribeUrl);
    variables.put("consent_statement", context.consentStatement());
    return variables;
  }

  private String messageId(String campaign) {
    byte[] unique = new byte[12];
    random.nextBytes(unique);
    return "<"
        + Long.toString(clock.millis(), 36)
        + "."
        + HexFormat.of().formatHex(unique)
        + "."
        + campaign
        + "@"
        + messageIdDomain
        + ">";
  }

  private MimeMessage mime(
      MessageContext context, String messageId, Headers headers, String text, String html) {
    Sender sender = context.sender();
    Recipient recipient = context.recipient();
    try {
      MimeMessage message = new FixedIdMimeMessage(session, messageId);
      message.setFrom(address(sender.fromAddress(), sender.fromName()));
      message.setRecipient(Message.RecipientType.TO, address(recipient.email(), recipient.name()));
      if (sender.replyTo().isPresent()) {
        message.setReplyTo(new InternetAddress[] {address(sender.replyTo().get(), "")});
      }
      message.setSubject(headers.subject(), "UTF-8");
      message.setHeader("Date", DATE.format(clock.instant().atZone(ZoneOffset.UTC)));
      message.setHeader(
          "List-Unsubscribe",
          "<" + headers.unsubscribeUrl() + ">,\r\n <mailto:" + headers.unsubscribeMailbox() + ">");
      message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
      message.setHeader("Feedback-ID", headers.feedbackId());
      message.setContent(alternative(text, html));
      message.saveChanges();
      return message;
    } catch (MessagingException e) {
      throw new IllegalStateException("cannot build the message: " + e.getMessage(), e);
    }
  }

  /**
   * Both parts with CRLF line ends: a part sent as 7bit is written as is, and SMTP (and the DKIM
   * body hash) require CRLF, so the bytes produced are the bytes on the wire.
   */
  private static MimeMultipart alternative(String text, String html) throws MessagingException {
    // Pre-encoded parts: Jakarta Mail would otherwise scan each body to pick an encoding and then
    // encode it byte by byte, the two costliest steps of composing a message.
    MimeBodyPart textPart = preencoded(text, "text/plain; charset=UTF-8");
    MimeBodyPart htmlPart = preencoded(html, "text/html; charset=UTF-8");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(textPart);
    alternative.addBodyPart(htmlPart);
    return alternative;
  }

  /** A part whose bytes are written in bulk, already quoted-printable encoded. */
  private static MimeBodyPart preencoded(String body, String type) throws MessagingException {
    MimeBodyPart part = new QuotedPrintablePart();
    byte[] encoded = QuotedPrintable.encodeToBytes(body);
    part.setDataHandler(new DataHandler(new ByteArrayDataSource(encoded, type)));
    part.setHeader("Content-Type", type);
    part.setHeader("Content-Transfer-Encoding", "quoted-printable");
    return part;
  }

  /**
   * A pre-encoded part whose two headers are set by {@link #preencoded}; Jakarta Mail's own header
   * update would scan the whole encoded body to guess an encoding it then overwrites anyway.
   */
  private static final class QuotedPrintablePart extends PreencodedMimeBodyPart {
    QuotedPrintablePart() {
      super("quoted-printable");
    }

    @Override
    protected void updateHeaders() {}
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

  private byte[] serialise(MimeMessage message, String fromAddress) {
    List<DkimSigning> keys = dkim.stream().filter(k -> k.covers(fromAddress)).toList();
    if (!keys.isEmpty()) {
      byte[] signed = keys.getFirst().sign(message);
      for (DkimSigning next : keys.subList(1, keys.size())) {
        signed = next.sign(signed);
      }
      return signed;
    }
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
      message.writeTo(out);
      return out.toByteArray();
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException("cannot write the message: " + e.getMessage(), e);
    }
  }
}
