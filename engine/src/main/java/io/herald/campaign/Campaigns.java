package io.herald.campaign;

import io.herald.account.AccountId;
import io.herald.account.SenderDomains;
import io.herald.audience.AudienceStore;
import io.herald.audience.Contact;
import io.herald.audience.ContactList;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The campaign lifecycle: create, start (snapshot the audience, then dispatch), pause, resume,
 * cancel. Every change is a compare-and-set on the stored state, so two nodes (or two clicks) can
 * never both start the same campaign. A campaign is sent only from a verified sending domain of its
 * account (R5): checked when it is created and again when it is started.
 */
public final class Campaigns {
  private static final int SNAPSHOT_BATCH = 1000;

  private final CampaignStore store;
  private final AudienceStore audience;
  private final Dispatcher dispatcher;
  private final CanaryGate canary;
  private final SenderDomains senders;
  private final Completion completion;
  private final Clock clock;
  private final RandomGenerator random;
  private final Set<Channel> channels;
  private final ViberDraftCheck viberCheck;
  private final CampaignQuota quota;

  /** A node that sends email only. */
  public Campaigns(
      CampaignStore store,
      AudienceStore audience,
      Dispatcher dispatcher,
      CanaryGate canary,
      SenderDomains senders,
      Clock clock,
      RandomGenerator random) {
    this(store, audience, dispatcher, canary, senders, clock, random, Set.of(Channel.EMAIL));
  }

  /** {@code channels}: the channels this server is configured to send on (Viber unchecked). */
  public Campaigns(
      CampaignStore store,
      AudienceStore audience,
      Dispatcher dispatcher,
      CanaryGate canary,
      SenderDomains senders,
      Clock clock,
      RandomGenerator random,
      Set<Channel> channels) {
    this(
        store,
        audience,
        dispatcher,
        canary,
        senders,
        clock,
        random,
        channels,
        ViberDraftCheck.NONE);
  }

  /**
   * {@code viberCheck}: what a Viber draft must pass beyond its own checks on this node (the room
   * for the unsubscribe line, the image); a node that sends Viber passes {@code
   * channel.viber.ViberCreateCheck}.
   */
  public Campaigns(
      CampaignStore store,
      AudienceStore audience,
      Dispatcher dispatcher,
      CanaryGate canary,
      SenderDomains senders,
      Clock clock,
      RandomGenerator random,
      Set<Channel> channels,
      ViberDraftCheck viberCheck) {
    this(
        store,
        audience,
        dispatcher,
        canary,
        senders,
        clock,
        random,
        channels,
        viberCheck,
        CampaignQuota.UNLIMITED);
  }

  /** {@code quota}: counts a starting campaign's whole audience against the account's plan (R9). */
  public Campaigns(
      CampaignStore store,
      AudienceStore audience,
      Dispatcher dispatcher,
      CanaryGate canary,
      SenderDomains senders,
      Clock clock,
      RandomGenerator random,
      Set<Channel> channels,
      ViberDraftCheck viberCheck,
      CampaignQuota quota) {
    this.quota = quota;
    this.viberCheck = viberCheck;
    this.store = store;
    this.channels = Set.copyOf(channels);
    this.audience = audience;
    this.dispatcher = dispatcher;
    this.canary = canary;
    this.senders = senders;
    this.completion = new Completion(store);
    this.clock = clock;
    this.random = random;
  }

  /**
   * What a marketer gives to create a campaign. For SMS, {@code fromAddress} is the sender ID,
   * {@code text} the message, and {@code subject} and {@code html} are empty.
   */
  public record Draft(
      Channel channel,
      String listName,
      Map<String, String> filter,
      String fromName,
      String fromAddress,
      Optional<String> replyTo,
      String subject,
      String html,
      Optional<String> text,
      boolean trackClicks,
      Optional<ViberSpec> viber) {

    /** A draft of a channel other than Viber. */
    public Draft(
        Channel channel,
        String listName,
        Map<String, String> filter,
        String fromName,
        String fromAddress,
        Optional<String> replyTo,
        String subject,
        String html,
        Optional<String> text,
        boolean trackClicks) {
      this(
          channel,
          listName,
          filter,
          fromName,
          fromAddress,
          replyTo,
          subject,
          html,
          text,
          trackClicks,
          Optional.empty());
    }

    /** An email campaign's draft. */
    public Draft(
        String listName,
        Map<String, String> filter,
        String fromName,
        String fromAddress,
        Optional<String> replyTo,
        String subject,
        String html,
        Optional<String> text) {
      this(
          Channel.EMAIL,
          listName,
          filter,
          fromName,
          fromAddress,
          replyTo,
          subject,
          html,
          text,
          true);
    }
  }

  public Campaign create(AccountId account, Draft draft) throws CampaignRefused {
    CampaignChecks.check(draft);
    if (!channels.contains(draft.channel())) {
      throw CampaignRefused.unprocessable(
          draft.channel().wireName() + " is not configured on this server");
    }
    sender(account, draft.channel(), draft.fromAddress().strip());
    if (audience.findList(account, draft.listName()).isEmpty()) {
      throw new CampaignRefused("no list named \"" + draft.listName() + "\"", false);
    }
    if (draft.channel() == Channel.VIBER) {
      // Last: it may fetch the image, which no draft refused for another reason should cost.
      Optional<String> problem = viberCheck.problem(account, draft);
      if (problem.isPresent()) {
        throw new CampaignRefused(problem.get(), false);
      }
    }
    Campaign campaign =
        new Campaign(
            account,
            CampaignId.random(random),
            draft.channel(),
            draft.listName(),
            Map.copyOf(draft.filter()),
            draft.fromName().strip(),
            draft.fromAddress().strip(),
            draft.replyTo().map(String::strip),
            draft.subject(),
            draft.html(),
            draft.text(),
            new CampaignState.Draft(),
            0,
            clock.instant(),
            draft.trackClicks(),
            draft.viber());
    store.create(campaign);
    return campaign;
  }

  /**
   * Refuses a From that is not on a verified sending domain of the account (R5). An SMS sender ID
   * has no domain: its form is checked with the draft.
   */
  private void sender(AccountId account, Channel channel, String fromAddress)
      throws CampaignRefused {
    if (channel != Channel.EMAIL) {
      return;
    }
    Optional<String> refusal = senders.refusal(account, fromAddress);
    if (refusal.isPresent()) {
      throw CampaignRefused.unverifiedSender(refusal.get());
    }
  }

  public Optional<Campaign> find(AccountId account, CampaignId id) {
    return store.find(account, id);
  }

  /**
   * Snapshots the audience (list members minus suppressed, filtered) and counts it whole against
   * the account's quota (R9) before anything is dispatched: a campaign that does not fit is refused
   * with the numbers and goes back to draft, never half-sent. A campaign whose content looks
   * prohibited (R7) is then held for an administrator, counted but with nothing dispatched (not
   * even its canary). With a canary (R6) only the sample is dispatched now and the rest waits for
   * the canary's release (already counted); without one, every recipient is dispatched once the
   * audience is counted.
   */
  public Campaign start(AccountId account, CampaignId id) throws CampaignRefused {
    Campaign campaign = existing(account, id);
    sender(account, campaign.channel(), campaign.fromAddress());
    ContactList list =
        audience
            .findList(account, campaign.listName())
            .orElseThrow(() -> new CampaignRefused("the campaign's list no longer exists", true));
    Optional<String> hold = canary.holdBeforeSending(campaign);
    Phase first = canary.appliesTo(campaign) ? Phase.CANARY : Phase.ALL;
    CampaignState sendingState =
        hold.isPresent() ? new CampaignState.Held() : new CampaignState.Sending(first);
    if (!store.transition(account, id, new CampaignState.Draft(), sendingState)) {
      throw new CampaignRefused(
          "campaign is " + campaign.state().name() + "; only a draft can be started", true);
    }
    Campaign sending = campaign.withState(sendingState);
    Audience snapshot = snapshot(sending, list, quota.cost(sending, list));
    try {
      quota.take(sending, snapshot.recipients(), snapshot.units());
    } catch (CampaignRefused refused) {
      // Nothing was dispatched: the campaign is a draft again, to start once the quota allows.
      store.transition(account, id, sendingState, new CampaignState.Draft());
      throw refused;
    }
    long total = snapshot.recipients();
    store.setRecipientCount(account, id, total);
    if (total == 0) {
      store.transition(account, id, sendingState, new CampaignState.Completed());
      return sending.withState(new CampaignState.Completed()).withRecipients(0);
    }
    if (hold.isPresent()) {
      canary.holdForReview(sending.withRecipients(total), total, hold.get());
      return sending.withRecipients(total);
    }
    if (first == Phase.CANARY) {
      canary.begin(sending.withRecipients(total), total);
    } else {
      dispatchAll(sending, total);
    }
    // Workers may have finished every message before the count was set; they could not tell.
    completeIfDone(account, id);
    return sending.withRecipients(total);
  }

  /** A snapshot's size: recipients, and what they cost in messages of the quota. */
  private record Audience(long recipients, long units) {}

  private void dispatchAll(Campaign campaign, long total) {
    List<Long> numbers = new ArrayList<>(SNAPSHOT_BATCH);
    for (long number = 1; number <= total; number++) {
      numbers.add(number);
      if (numbers.size() == SNAPSHOT_BATCH || number == total) {
        dispatcher.dispatch(campaign, Phase.ALL, List.copyOf(numbers));
        numbers.clear();
      }
    }
  }

  /**
   * Numbers the audience 1…N and stores it a batch at a time, adding up what each recipient costs.
   * Suppressions are checked per batch in the store, so an account with millions of them never
   * holds them all in memory.
   */
  private Audience snapshot(Campaign campaign, ContactList list, CampaignQuota.Cost cost) {
    List<Contact> pending = new ArrayList<>(SNAPSHOT_BATCH);
    long[] numbered = {0};
    long[] units = {0};
    audience.forEachMember(
        campaign.account(),
        list.id(),
        contact -> {
          if (matches(contact, campaign.channel(), campaign.filter())) {
            pending.add(contact);
            if (pending.size() == SNAPSHOT_BATCH) {
              numbered[0] = flush(campaign, pending, numbered[0], cost, units);
            }
          }
        });
    long total = flush(campaign, pending, numbered[0], cost, units);
    return new Audience(total, units[0]);
  }

  /** Stores the unsuppressed contacts of a batch, adding their cost; returns the last number. */
  private long flush(
      Campaign campaign,
      List<Contact> pending,
      long numbered,
      CampaignQuota.Cost cost,
      long[] units) {
    Set<String> suppressed =
        audience.suppressedAmong(
            campaign.account(),
            pending.stream().flatMap(c -> c.suppressionKeys().stream()).distinct().toList());
    List<Recipient> batch = new ArrayList<>(pending.size());
    long number = numbered;
    for (Contact contact : pending) {
      if (contact.suppressionKeys().stream().noneMatch(suppressed::contains)) {
        batch.add(toRecipient(++number, contact));
        units[0] += cost.of(contact);
      }
    }
    pending.clear();
    store.addRecipients(campaign.account(), campaign.id(), batch);
    return number;
  }

  private static boolean matches(Contact contact, Channel channel, Map<String, String> filter) {
    String address =
        switch (channel) {
          case EMAIL -> contact.email();
          case SMS, VIBER -> contact.phone();
        };
    return !address.isEmpty()
        && filter.entrySet().stream()
            .allMatch(f -> f.getValue().equals(contact.attributes().get(f.getKey())));
  }

  private static Recipient toRecipient(long number, Contact contact) {
    return new Recipient(
        number,
        contact.key(),
        contact.email(),
        contact.phone(),
        contact.name(),
        contact.attributes());
  }

  public Campaign pause(AccountId account, CampaignId id) throws CampaignRefused {
    Campaign campaign = existing(account, id);
    if (campaign.state() instanceof CampaignState.Sending(Phase phase)
        && store.transition(account, id, campaign.state(), new CampaignState.Paused(phase))) {
      return campaign.withState(new CampaignState.Paused(phase));
    }
    throw new CampaignRefused(
        "campaign is " + campaign.state().name() + "; it cannot be paused", true);
  }

  /**
   * Pauses every sending campaign of the account (it was frozen, R8); returns those it paused. They
   * stay paused until the account resumes them.
   */
  public List<Campaign> pauseAllSending(AccountId account) {
    List<Campaign> paused = new ArrayList<>();
    Optional<String> after = Optional.empty();
    do {
      io.herald.paging.Page<Campaign> page = store.list(account, after, 1000);
      for (Campaign campaign : page.items()) {
        if (campaign.state() instanceof CampaignState.Sending(Phase phase)
            && store.transition(
                account, campaign.id(), campaign.state(), new CampaignState.Paused(phase))) {
          paused.add(campaign.withState(new CampaignState.Paused(phase)));
        }
      }
      after = page.next();
    } while (after.isPresent());
    return paused;
  }

  public Campaign resume(AccountId account, CampaignId id) throws CampaignRefused {
    Campaign campaign = existing(account, id);
    if (campaign.state() instanceof CampaignState.Paused(Phase phase)
        && store.transition(account, id, campaign.state(), new CampaignState.Sending(phase))) {
      return campaign.withState(new CampaignState.Sending(phase));
    }
    throw new CampaignRefused(
        "campaign is " + campaign.state().name() + "; it cannot be resumed", true);
  }

  public Campaign cancel(AccountId account, CampaignId id) throws CampaignRefused {
    Campaign campaign = existing(account, id);
    boolean cancellable =
        campaign.state() instanceof CampaignState.Sending
            || campaign.state() instanceof CampaignState.Paused
            || campaign.state() instanceof CampaignState.Held
            || campaign.state() instanceof CampaignState.Draft;
    if (cancellable
        && store.transition(account, id, campaign.state(), new CampaignState.Cancelled())) {
      return campaign.withState(new CampaignState.Cancelled());
    }
    throw new CampaignRefused(
        "campaign is " + campaign.state().name() + "; it cannot be cancelled", true);
  }

  /** Marks the campaign completed once every recipient has a final outcome; idempotent. */
  public void completeIfDone(AccountId account, CampaignId id) {
    completion.ifDone(account, id);
  }

  private Campaign existing(AccountId account, CampaignId id) throws CampaignRefused {
    return store
        .find(account, id)
        .orElseThrow(() -> new CampaignRefused("no campaign " + id, false));
  }
}
