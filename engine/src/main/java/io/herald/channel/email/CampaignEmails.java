package io.herald.channel.email;

import io.herald.account.SenderDomains;
import io.herald.audience.AudienceStore;
import io.herald.campaign.Campaign;
import io.herald.campaign.CampaignId;
import io.herald.delivery.MessageFactory;
import io.herald.tracking.TokenSigner;
import io.herald.tracking.TrackingUrls;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * Delivery's message factory for email campaigns: compiles a campaign's template once (cached by
 * campaign), looks up the list's consent statement once, and composes each recipient's message with
 * footers, tracking, VERP return path and DKIM (the keys of the account's verified sending domain,
 * {@link AccountDkim}). The return-path and Message-ID domain is the configured one, or the
 * sender's own domain.
 */
public final class CampaignEmails implements MessageFactory {
  private static final int CACHED_CAMPAIGNS = 256;

  private final AudienceStore audience;
  private final TokenSigner signer;
  private final URI trackingBase;
  private final Optional<String> returnPathDomain;
  private final Clock clock;
  private final RandomGenerator random;
  private final List<DkimSigning> dkim;
  private final AccountDkim accountDkim;
  private final Map<CampaignId, Prepared> prepared = new ConcurrentHashMap<>();
  private final Map<String, EmailComposer> composers = new ConcurrentHashMap<>();

  public CampaignEmails(
      AudienceStore audience,
      TokenSigner signer,
      URI trackingBase,
      Optional<String> returnPathDomain,
      Clock clock,
      RandomGenerator random,
      List<DkimSigning> dkim,
      SenderDomains senders) {
    this.audience = audience;
    this.signer = signer;
    this.trackingBase = trackingBase;
    this.returnPathDomain = returnPathDomain;
    this.clock = clock;
    this.random = random;
    this.dkim = List.copyOf(dkim);
    this.accountDkim = new AccountDkim(senders);
  }

  /** What is the same for every recipient of a campaign. */
  private record Prepared(CompiledTemplate template, Sender sender, String consentStatement) {}

  @Override
  public Built build(Campaign campaign, io.herald.campaign.Recipient recipient)
      throws MessageRefused {
    Prepared p = prepare(campaign);
    String domain =
        returnPathDomain.orElse(
            campaign.fromAddress().substring(campaign.fromAddress().lastIndexOf('@') + 1));
    EmailComposer composer = composers.computeIfAbsent(domain, this::composer);
    List<DkimSigning> keys = accountDkim.keys(campaign.account(), campaign.fromAddress());
    try {
      OutgoingEmail email =
          composer.compose(
              p.template(),
              new MessageContext(
                  campaign.account().value(),
                  campaign.id().value(),
                  new Recipient(
                      recipient.contactKey(),
                      recipient.number(),
                      recipient.email(),
                      recipient.name(),
                      recipient.fields()),
                  p.sender(),
                  p.consentStatement()),
              keys);
      return new Built(email.envelope(), email.rfc822());
    } catch (IllegalArgumentException e) {
      throw new MessageRefused(e.getMessage(), e);
    }
  }

  private Prepared prepare(Campaign campaign) throws MessageRefused {
    Prepared cached = prepared.get(campaign.id());
    if (cached != null) {
      return cached;
    }
    try {
      CompiledTemplate template =
          CompiledTemplate.compile(
              new EmailContent(campaign.subject(), campaign.html(), campaign.text()));
      String statement =
          audience
              .findList(campaign.account(), campaign.listName())
              .map(io.herald.audience.ContactList::consentStatement)
              .orElse("You receive this because you subscribed to " + campaign.fromName() + ".");
      Prepared fresh =
          new Prepared(
              template,
              new Sender(campaign.fromName(), campaign.fromAddress(), campaign.replyTo()),
              statement);
      if (prepared.size() >= CACHED_CAMPAIGNS) {
        prepared.clear(); // a simple bound; recompiling is cheap next to sending
      }
      prepared.put(campaign.id(), fresh);
      return fresh;
    } catch (TemplateException e) {
      throw new MessageRefused("template: " + e.getMessage(), e);
    }
  }

  private EmailComposer composer(String domain) {
    return new EmailComposer(
        signer,
        new TrackingUrls(trackingBase, signer, domain),
        domain,
        domain,
        clock,
        random,
        dkim);
  }
}
