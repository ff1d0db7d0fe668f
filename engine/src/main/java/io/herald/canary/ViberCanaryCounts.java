package io.herald.canary;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What is known so far about a Viber canary's messages, read from the canary phase's counters
 * ({@code CampaignStats.counters(VIBER)}). The outcome counters are exclusive, each message in at
 * most one: {@code submitted} when the provider accepted it, moved by its reports to {@code
 * delivered} (a {@code seen} implies it), or — undelivered, expired, not a Viber user — either to
 * the {@link Fallback}'s counters when the campaign has an SMS fallback, or else to {@code
 * undelivered}, {@code expired} or {@code notViberUser}. A message still queued or being retried
 * counts in none of them. {@code seen}, clicks, unsubscribes and blocks count recipients once each
 * and do not move.
 *
 * <p><b>What is final.</b> A Viber report of delivered, undelivered or expired, "not a Viber user",
 * and a fallback SMS's receipt (or its receipt timeout, {@code unknown}). In flight: {@code
 * submitted} (its report may still say undelivered; Viber's validity bounds the wait, after which
 * the provider reports it expired), a fallback waiting to go out, and a fallback SMS awaiting its
 * receipt.
 *
 * @param sent canary recipients enqueued (the canary's size)
 * @param submitted accepted by the provider, no report yet ({@code viber_submitted})
 * @param delivered Viber delivered it to the app ({@code viber_delivered}; a seen report implies
 *     it)
 * @param seen unique recipients whose Viber showed the message to them: Viber's opens
 * @param undelivered the provider said undelivered and there is no fallback ({@code
 *     viber_undelivered})
 * @param expired Viber's validity ran out before delivery and there is no fallback ({@code
 *     viber_expired}): the phone stayed offline, or the Viber account is unused
 * @param notViberUser the number has no Viber and there is no fallback ({@code not_viber_user})
 * @param fallback the SMS sent instead, in campaigns that have one (all zero otherwise)
 * @param humanClicks unique recipients who clicked the tracked button or a tracked link (in the
 *     Viber message or its fallback SMS), scanner clicks excluded
 * @param unsubscribes unique recipients who used the unsubscribe link ({@code unsubscribed})
 * @param blocks recipients who blocked the sender in Viber ({@code blocked})
 */
public record ViberCanaryCounts(
    long sent,
    long submitted,
    long delivered,
    long seen,
    long undelivered,
    long expired,
    long notViberUser,
    Fallback fallback,
    long humanClicks,
    long unsubscribes,
    long blocks)
    implements ChannelCounts {
  public ViberCanaryCounts {
    Objects.requireNonNull(fallback, "fallback");
    if (sent < 0
        || submitted < 0
        || delivered < 0
        || seen < 0
        || undelivered < 0
        || expired < 0
        || notViberUser < 0
        || humanClicks < 0
        || unsubscribes < 0
        || blocks < 0) {
      throw new IllegalArgumentException("canary counters must not be negative: " + this);
    }
  }

  /**
   * The SMS that went out instead of a Viber message Viber could not deliver ({@code fallen_back}
   * counts them once; the rest are exclusive, as an SMS canary's: see {@link SmsCanaryCounts}).
   *
   * @param fallenBack recipients whose message fell back to SMS ({@code fallen_back})
   * @param pending fell back, the SMS not handed to the SMSC yet ({@code fallback_pending})
   * @param submitted the SMSC accepted the SMS, no receipt yet ({@code submitted})
   * @param delivered the SMS's receipt said delivered ({@code delivered})
   * @param undeliverable the SMS's receipt said the number cannot be reached ({@code
   *     undeliverable})
   * @param rejected the SMSC or the network refused the SMS ({@code rejected})
   * @param expired the SMS's validity ran out ({@code expired})
   * @param unknown no receipt within {@code sms.receiptTimeout} ({@code unknown})
   */
  public record Fallback(
      long fallenBack,
      long pending,
      long submitted,
      long delivered,
      long undeliverable,
      long rejected,
      long expired,
      long unknown) {
    public Fallback {
      if (fallenBack < 0
          || pending < 0
          || submitted < 0
          || delivered < 0
          || undeliverable < 0
          || rejected < 0
          || expired < 0
          || unknown < 0) {
        throw new IllegalArgumentException("canary counters must not be negative: " + this);
      }
    }

    /** A campaign without a fallback, or one whose messages all reached Viber. */
    public static Fallback none() {
      return new Fallback(0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** Fallback SMS whose receipt told their fate: the base of their rejections. */
    public long receipted() {
      return delivered + undeliverable + rejected + expired;
    }
  }

  /**
   * Messages whose fate a report told, by Viber or by the fallback SMS's receipt: the base of
   * undelivered messages. Neither "not a Viber user" (a number without Viber says nothing about the
   * sender) nor an SMS without a receipt ({@code unknown}, which says nothing about the number)
   * counts in it.
   */
  public long reported() {
    return delivered + undelivered + expired + fallback.receipted();
  }

  /**
   * Messages that reached no one: Viber undelivered or expired (no fallback), or the fallback SMS
   * undeliverable. With a fallback, a Viber failure is not counted here: the SMS went instead, and
   * its own receipt says whether the number is reachable.
   */
  public long unreached() {
    return undelivered + expired + fallback.undeliverable();
  }

  @Override
  public long finalised() {
    return reported() + notViberUser + fallback.unknown();
  }

  /**
   * Messages accepted (by the provider or, for a fallback, the SMSC) that no report said failed —
   * delivered or awaiting a report: the base of opt-outs and clicks. It is what may have reached a
   * person. As reports arrive, failures leave it, so an opt-out rate seen early is mostly lower
   * than what it becomes; a message falling back leaves it only until the SMSC accepts its SMS.
   */
  public long accepted() {
    return submitted + delivered + fallback.submitted() + fallback.delivered() + fallback.unknown();
  }

  /** Recipients who opted out either way: the link, or blocking the sender in Viber. */
  public long optOuts() {
    return unsubscribes + blocks;
  }

  /**
   * What the messages without a final outcome are waiting for, for the scorer's report: {@code ""}
   * when none is, else a parenthesis naming each kind of wait.
   */
  String awaiting() {
    List<String> waiting = new ArrayList<>(3);
    if (submitted > 0) {
      waiting.add(
          submitted
              + " accepted by the provider await a Viber report (the provider reports expired when"
              + " their validity ends)");
    }
    if (fallback.pending() > 0) {
      waiting.add(fallback.pending() + " fell back and wait for their SMS to go out");
    }
    if (fallback.submitted() > 0) {
      waiting.add(
          fallback.submitted()
              + " fallback SMS accepted by the SMSC await a receipt (unknown after"
              + " sms.receiptTimeout)");
    }
    return waiting.isEmpty() ? "" : " (" + String.join("; ", waiting) + ")";
  }
}
