package io.herald.campaign;

import io.herald.audience.Contact;
import io.herald.audience.ContactList;

/**
 * The port through which a campaign's start counts its whole audience against the account's quota
 * (R9) before anything is dispatched: what each recipient costs (an email 1, an SMS its parts once
 * personalised, a Viber message 1 plus its fallback's parts), then one atomic take of the sum —
 * canary and rest together, so the rest released after a canary is already counted.
 */
public interface CampaignQuota {
  /** Quotas off: every recipient costs nothing and every take fits (tests of other things). */
  CampaignQuota UNLIMITED =
      new CampaignQuota() {
        @Override
        public Cost cost(Campaign campaign, ContactList list) {
          return contact -> 0;
        }

        @Override
        public void take(Campaign campaign, long recipients, long units) {}
      };

  /** What one recipient of a campaign costs, in messages of the quota. */
  @FunctionalInterface
  interface Cost {
    long of(Contact contact);
  }

  /** The cost of each recipient of {@code campaign} sent to {@code list}. */
  Cost cost(Campaign campaign, ContactList list);

  /**
   * Counts {@code units} messages for {@code recipients} recipients against the account's quota.
   *
   * @throws CampaignRefused (422) with the numbers when they do not fit; nothing was counted
   */
  void take(Campaign campaign, long recipients, long units) throws CampaignRefused;
}
