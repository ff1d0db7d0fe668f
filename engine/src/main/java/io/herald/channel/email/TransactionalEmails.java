package io.herald.channel.email;

import io.herald.account.AccountId;
import io.herald.account.SenderDomains;
import io.herald.audience.ContactKeys;
import io.herald.delivery.Envelope;
import io.herald.delivery.MessageFactory;
import io.herald.message.MessageRefused;
import io.herald.message.StoredMessage;
import io.herald.message.StoredTemplate;
import io.herald.message.TransactionalMail;
import io.herald.tracking.TokenSigner;
import io.herald.tracking.TrackingToken;
import io.herald.tracking.TrackingUrls;
import io.herald.tracking.VerpAddress;
import io.herald.tracking.VerpToken;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.random.RandomGenerator;

/**
 * The email side of transactional messages. Each recipient's copy gets, whatever the client sent:
 * the footer with an unsubscribe link in every text and HTML body, {@code List-Unsubscribe} (https
 * and mailto) with RFC 8058 one-click, a {@code Feedback-ID}, a signed VERP return path naming the
 * message and the recipient's number (so a later DSN finds them), and a DKIM signature with the
 * keys of the account's verified sending domain ({@link AccountDkim}). Unlike campaigns, links are
 * not rewritten and there is no open pixel: a password-reset link should reach the user as written.
 * Thread-safe.
 */
public final class TransactionalEmails implements TransactionalMail {
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss xx", Locale.ROOT);

  static {
    MailStreams.nameTheProvider();
  }

  private final TokenSigner signer;
  private final URI trackingBase;
  private final Optional<String> returnPathDomain;
  private final Clock clock;
  private final RandomGenerator random;
  private final List<DkimSigning> dkim;
  private final AccountDkim accountDkim;
  private final Session session = Session.getInstance(new Properties());
  private final RawFinisher raw = new RawFinisher();
  private final ComposedMime composed = new ComposedMime(session);

  public TransactionalEmails(
      TokenSigner signer,
      URI trackingBase,
      Optional<String> returnPathDomain,
      Clock clock,
      RandomGenerator random,
      List<DkimSigning> dkim,
      SenderDomains senders) {
    this.signer = signer;
    this.trackingBase = trackingBase;
    this.returnPathDomain = returnPathDomain;
    this.clock = clock;
    this.random = random;
    this.dkim = List.copyOf(dkim);
    this.accountDkim = new AccountDkim(senders);
  }

  @Override
  public void check(StoredTemplate template) throws MessageRefused {
    compile(template);
  }

  @Override
  public Rendered render(StoredTemplate template, Map<String, String> data) throws MessageRefused {
    CompiledTemplate compiled = compile(template);
    Map<String, String> variables = new HashMap<>(data);
    try {
      return new Rendered(
          compiled.subject(variables),
          template.html().map(h -> compiled.html(variables)),
          template.text().isPresent() ? compiled.text(variables) : Optional.empty());
    } catch (RuntimeException e) {
      throw new MessageRefused(
          MessageRefused.Reason.INVALID_MESSAGE,
          "template " + template.name() + ": " + e.getMessage());
    }
  }

  private static CompiledTemplate compile(StoredTemplate template) throws MessageRefused {
    try {
      return CompiledTemplate.compile(
          new EmailContent(template.subject(), template.html().orElse(""), template.text()));
    } catch (TemplateException e) {
      throw new MessageRefused(MessageRefused.Reason.INVALID_MESSAGE, "template " + e.getMessage());
    }
  }

  /**
   * Reads From and Subject (raw UTF-8 allowed, RFC 6532) and runs everything {@link #build} will do
   * to the message (footer placement; what DKIM signing reads of it, whichever key signs it later:
   * the account's own, which the check does not need), so what Herald could not deliver is refused
   * now, with the reason, instead of failing after the client was told it was accepted.
   */
  @Override
  public Inspected inspect(byte[] rfc822) throws MessageRefused {
    try {
      MimePart top = MimeReader.read(rfc822);
      List<MimePart.Field> from = top.fields().stream().filter(f -> f.is("From")).toList();
      if (from.size() != 1) {
        throw new MessageRefused(
            MessageRefused.Reason.INVALID_MESSAGE, "the message needs exactly one From header");
      }
      InternetAddress[] addresses = InternetAddress.parseHeader(from.getFirst().value(), true);
      if (addresses.length != 1) {
        throw new MessageRefused(
            MessageRefused.Reason.INVALID_ADDRESS, "the From header must name exactly one address");
      }
      String sender = addresses[0].getAddress();
      String subject =
          top.field("Subject").map(f -> decodeText(f.value())).map(HeaderText::clean).orElse("");
      byte[] trial =
          raw.finish(
              rfc822,
              TransactionalFooter.of(
                  "recipient@herald.invalid", sender, "https://herald.invalid/u"),
              new RawFinisher.Headers(
                  "<https://herald.invalid/u>", "check", "<check@herald.invalid>", "now"));
      DkimSigning.checkSignable(trial);
      return new Inspected(sender, subject);
    } catch (Undeliverable e) {
      throw new MessageRefused(MessageRefused.Reason.INVALID_MESSAGE, e.getMessage());
    } catch (MessagingException e) {
      throw new MessageRefused(
          MessageRefused.Reason.INVALID_MESSAGE, "not a readable message: " + e.getMessage());
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new MessageRefused(
          MessageRefused.Reason.INVALID_MESSAGE, "the message cannot be signed: " + e.getMessage());
    }
  }

  private static String decodeText(String value) {
    try {
      return MimeUtility.decodeText(value);
    } catch (java.io.UnsupportedEncodingException e) {
      return value;
    }
  }

  @Override
  public MessageFactory.Built build(AccountId account, StoredMessage message, int recipient)
      throws MessageFactory.MessageRefused {
    String address = message.recipients().get(recipient);
    String from = message.content().fromAddress();
    String domain = returnPathDomain.orElse(from.substring(from.lastIndexOf('@') + 1));
    TrackingUrls urls = new TrackingUrls(trackingBase, signer, domain);
    VerpToken verp = new VerpToken(account.value(), message.id().value(), recipient);
    String unsubscribeUrl =
        urls.unsubscribePage(
            new TrackingToken.Unsubscribe(
                account.value(), message.id().value(), ContactKeys.email(address)));
    List<DkimSigning> keys = new java.util.ArrayList<>(dkim);
    keys.addAll(accountDkim.keys(account, from));
    RawFinisher.Headers headers =
        new RawFinisher.Headers(
            "<" + unsubscribeUrl + ">,\r\n <mailto:" + urls.unsubscribeMailbox(verp) + ">",
            message.id() + ":" + account + ":herald-tx",
            messageId(message, domain),
            DATE.format(clock.instant().atZone(ZoneOffset.UTC)));
    try {
      byte[] bytes =
          switch (message.content()) {
            case StoredMessage.Composed c ->
                composed.write(
                    c, TransactionalFooter.of(address, sender(c), unsubscribeUrl), headers);
            case StoredMessage.Raw r ->
                raw.finish(
                    r.rfc822(),
                    TransactionalFooter.of(address, r.fromAddress(), unsubscribeUrl),
                    headers);
            // The worker submits an SMS through the SMS gateway; it never reaches the mail side.
            case StoredMessage.Sms s ->
                throw new IllegalArgumentException("an SMS is not an email");
          };
      return new MessageFactory.Built(
          new Envelope(VerpAddress.encode(signer, verp, domain), address),
          DkimSigning.signByEvery(keys, bytes, from));
    } catch (MessagingException | IOException | IllegalArgumentException | Undeliverable e) {
      throw new MessageFactory.MessageRefused("cannot build the message: " + e.getMessage(), e);
    }
  }

  private static String sender(StoredMessage.Composed c) {
    return c.fromName().isBlank() ? c.fromAddress() : c.fromName();
  }

  private String messageId(StoredMessage message, String domain) {
    byte[] unique = new byte[8];
    random.nextBytes(unique);
    return "<" + message.id() + "." + HexFormat.of().formatHex(unique) + ".tx@" + domain + ">";
  }
}
