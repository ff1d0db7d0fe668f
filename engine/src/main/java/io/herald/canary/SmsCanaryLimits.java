package io.herald.canary;

/**
 * The limits an SMS canary is judged against, each a warning and a failing limit as in {@link
 * CanaryLimits} (whose window, confidence and minimum final share SMS shares). Failure rates are
 * over receipted messages, opt-outs over accepted ones (see {@link SmsCanaryCounts}). There is no
 * published standard for an SMS campaign's canary, and no carrier or CTIA figure was found; the
 * defaults come from what SMS platforms publish as campaign benchmarks and as the account-level
 * thresholds at which they warn or suspend a sender (rolling rates over days, which a bad campaign
 * would push up), cited per limit. Platforms' "error rate" lumps every failed message together;
 * Herald judges undeliverable and rejected apart, so each limit here is below those combined
 * thresholds.
 *
 * <p>Not judged, shown for information: clicks, because the scorer cannot know whether the text has
 * a tracked link (Klaviyo's SMS campaign benchmarks call a click rate under 5.9% critical, but a
 * message without a link has none, and a lower limit would hold every such campaign); expiries,
 * because validity periods (commonly 24–72 hours; 48 hours is a usual default) outlast the window,
 * so they mostly arrive after the decision, and they mean handsets switched off more than bad
 * numbers; unknown outcomes, which say the route sends no receipts, not that the list is bad. SMS
 * has no opens, so no engagement limit can hold an SMS campaign, and no complaints: there is no
 * feedback loop for SMS, and a STOP reply, the recipient's "this is unwanted", is judged as an
 * opt-out.
 *
 * <p>Sources (read in 2026): Klaviyo, "Campaign SMS and MMS benchmarks"
 * (help.klaviyo.com/hc/en-us/articles/360051110111) and "How to decrease SMS unsubscribe rates"
 * (…/articles/4404612542619); GoHighLevel, "Best practices for SMS deliverability and avoiding SMS
 * restrictions" (help.gohighlevel.com, article 155000000079); CallHub, error and opt-out rate
 * limits (support.callhub.io, article 900001360883); Burst SMS, "Industry standards: SMS delivery
 * rates, responses" (help.burstsms.com, article 44001076747); TextCanon, "SMS delivery rates
 * explained" (textcanon.com/blog, 2025); Roezan, "Target metrics for SMS" (help.roezan.com);
 * TextUs, "Managing opt-outs" (docs.textus.com); OneSignal glossary, "Unsubscribe rate"; Mozeo,
 * "Opt-out rates" (support.mozeo.com); Tatango, "Average opt-out rate for retail SMS marketing
 * campaigns"; BulkSMSRates, "SMS delivery rates explained" (validity periods). Vendors' figures,
 * not independent studies: treat them as the order of magnitude, and tune with the bench.
 *
 * @param undeliverableWarning undeliverable over receipted. Default 5%: a list of consented numbers
 *     whose failing numbers are suppressed delivers 95% or more (Burst SMS reports 95% on repeat
 *     sends once failed numbers are removed, against 85% on a list's first send; TextCanon calls
 *     95–97% the normal range of a healthy programme); Roezan says carriers may react to error
 *     rates above 5%, and GoHighLevel (LeadConnector) counts 0–6% errors as healthy
 * @param undeliverableFailing default 10%: CallHub requires an error rate below 10%; GoHighLevel
 *     suspends an account's SMS for a day at 12.5% errors and TextCanon calls a delivery rate under
 *     90% poor
 * @param rejectedWarning rejected (by the SMSC or a carrier's filter) over receipted. Default 2%.
 *     No published figure for rejections alone was found: platforms count them in the error rate
 *     above. A sender with a registered sender ID and ordinary content sees almost none, so these
 *     mirror email's policy blocks (2% / 5%): a judgement, not a benchmark
 * @param rejectedFailing default 5%
 * @param optOutWarning opt-outs (STOP replies and the short unsubscribe link) over accepted.
 *     Default 2%: Klaviyo's SMS campaign benchmarks call 0.5–1.2% good and 2.2% or more critical;
 *     GoHighLevel warns an account at a 2% opt-out rate, TextUs puts carriers' threshold at 1.5%
 *     over 30 days, and CallHub requires an account below 1%. Published averages spread from 0.5–2%
 *     (OneSignal) to 3–4% (Burst SMS, repeat sends of every kind) and 3.7% (Tatango's undated study
 *     of 1,180 retail campaigns): older or mixed figures, hence a warning at the top of current
 *     campaign benchmarks rather than at the strictest account threshold. Most STOPs come soon
 *     after delivery (SMS is read quickly), so the window sees most of them; that is an assumption,
 *     no published distribution was found
 * @param optOutFailing default 5%: GoHighLevel suspends at 3% and Roezan says carriers may filter
 *     above 3%; Mozeo calls more than 5% a reason to review every message. 5% rather than 3% keeps
 *     the bracket wide enough for a canary of 1000 to tell the two limits apart: a list at 5% has a
 *     99.9% lower bound near 3%, clearly above the 2% warning, so it is held, while a list at 3%
 *     cannot yet be shown above 2% and is released
 */
public record SmsCanaryLimits(
    double undeliverableWarning,
    double undeliverableFailing,
    double rejectedWarning,
    double rejectedFailing,
    double optOutWarning,
    double optOutFailing) {
  public SmsCanaryLimits {
    CanaryLimits.requirePair("SMS undeliverable", undeliverableWarning, undeliverableFailing);
    CanaryLimits.requirePair("SMS rejected", rejectedWarning, rejectedFailing);
    CanaryLimits.requirePair("SMS opt-out", optOutWarning, optOutFailing);
  }

  /** The defaults documented on each component. */
  public static SmsCanaryLimits defaults() {
    return new SmsCanaryLimits(0.05, 0.10, 0.02, 0.05, 0.02, 0.05);
  }
}
