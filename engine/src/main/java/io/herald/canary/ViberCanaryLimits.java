package io.herald.canary;

/**
 * The limits a Viber canary is judged against, each a warning and a failing limit as in {@link
 * CanaryLimits} (whose window, confidence and minimum final share Viber shares; a fallback SMS's
 * rejections are judged with {@link SmsCanaryLimits}' rejected limits). Seen is over
 * Viber-delivered messages, undelivered over reported ones, opt-outs and blocks over accepted ones
 * (see {@link ViberCanaryCounts}).
 *
 * <p><b>What was found, and what is Herald's own choice.</b> Little is published about Viber
 * business messages' rates. The figures found: SMSClub (a Ukrainian provider; "Cascading
 * Viber+SMS", smsclub.mobi) says up to 50% of recipients read promotional Viber messages and only a
 * few businesses reach 80%; Apifon's "Viber delivery reports" (kb.apifon.com/viber-reports) says a
 * user may turn off sending "seen" (the message then stays delivered though read) and that a
 * preview in the business inbox counts as seen; tyntec ("Viber Business security &amp; GDPR",
 * tyntec.com/docs) and Sinch's community pages say Viber monitors block rates and may disable a
 * business with "exceptional" ones, without saying where that starts; Gretor's list of Viber
 * statuses (gretor.com) says an expired message is one whose recipient uses Viber but whose phone
 * did not connect during the validity. No published figure was found for a block rate, for an
 * undelivered rate of a consented list of Viber users, nor for how soon Viber messages are seen. So
 * every default below is Herald's choice, reasoned from those figures and from the SMS limits
 * (sources in {@link SmsCanaryLimits}); read them in 2026, treat them as the order of magnitude,
 * and tune them with the bench.
 *
 * <p>Not judged, shown for information: clicks (a message without a button or link has none, and
 * the scorer cannot know which this is), "not a Viber user" (a number without Viber says nothing
 * about the sender: with a fallback its SMS goes, and that SMS's receipt is judged), and the share
 * that fell back to SMS.
 *
 * @param minSeen seen within the window over Viber-delivered messages: the failing limit of a
 *     metric that is bad when low. Default 3%, Herald's choice: a healthy list is eventually seen
 *     by about half its recipients (SMSClub); assuming about half of that within the 6-hour window
 *     and some recipients who do not send "seen" (Apifon), about 25% is expected, and 3% is about a
 *     tenth of it — a list nobody reads, as email's 1% is a tenth of its 10%
 * @param seenWarning the warning limit of seen (above {@code minSeen}). Default 10%, Herald's
 *     choice: well under half of what a healthy list shows in the window
 * @param undeliveredWarning undelivered over reported: Viber undelivered or expired without a
 *     fallback, or the fallback SMS undeliverable. Default 5%, Herald's choice, the SMS canary's
 *     undeliverable limit: the fallback SMS's failures are SMS failures, and a consented list of
 *     current Viber users should rarely see a phone stay offline for the whole validity (Gretor's
 *     meaning of expired)
 * @param undeliveredFailing default 10%, as SMS
 * @param optOutWarning unsubscribes (the link) and blocks (in Viber) over accepted messages.
 *     Default 2%, Herald's choice: the SMS canary's opt-out limits, since a block, like STOP, is
 *     one tap, and Viber names no threshold for the block rates it acts on
 * @param optOutFailing default 5%, as SMS
 */
public record ViberCanaryLimits(
    double minSeen,
    double seenWarning,
    double undeliveredWarning,
    double undeliveredFailing,
    double optOutWarning,
    double optOutFailing) {
  public ViberCanaryLimits {
    CanaryLimits.requirePair("Viber seen", minSeen, seenWarning);
    CanaryLimits.requirePair("Viber undelivered", undeliveredWarning, undeliveredFailing);
    CanaryLimits.requirePair("Viber opt-out", optOutWarning, optOutFailing);
  }

  /** The defaults documented on each component. */
  public static ViberCanaryLimits defaults() {
    return new ViberCanaryLimits(0.03, 0.10, 0.05, 0.10, 0.02, 0.05);
  }
}
