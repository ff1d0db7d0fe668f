package io.herald.tracking;

/**
 * What a bounce or a mailed unsubscribe request must lead back to: the account, the campaign and
 * the recipient's number within that campaign (the sender's position in its recipient ledger). A
 * number rather than the contact key keeps the address within the 64 octets RFC 5321 allows a local
 * part; the campaign's ledger maps the number back to the contact.
 */
public record VerpToken(String accountId, String campaignId, long recipient) {
  public VerpToken {
    Ids.requireHex16("accountId", accountId);
    Ids.requireHex16("campaignId", campaignId);
  }
}
