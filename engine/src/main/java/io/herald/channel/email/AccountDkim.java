package io.herald.channel.email;

import io.herald.account.AccountId;
import io.herald.account.SenderDomains;
import io.herald.delivery.MessageFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The DKIM keys a message of an account is signed with (R5): those of the account's own verified
 * sending domain that covers its From — never another account's, and never the operator's keys of
 * Herald's own domains, which no account's From can be on. A message whose From is not (or no
 * longer) on a verified domain of its account is refused rather than sent unsigned in another's
 * name. Signers are kept per account, domain and selector (a selector is random per key).
 */
final class AccountDkim {
  private static final int MAX_SIGNERS = 10_000;

  private final SenderDomains senders;
  private final Map<String, DkimSigning> signers = new ConcurrentHashMap<>();

  AccountDkim(SenderDomains senders) {
    this.senders = senders;
  }

  List<DkimSigning> keys(AccountId account, String fromAddress)
      throws MessageFactory.MessageRefused {
    List<SenderDomains.SigningKey> keys =
        senders
            .signingKeys(account, fromAddress)
            .orElseThrow(
                () ->
                    new MessageFactory.MessageRefused(
                        "the From "
                            + fromAddress
                            + " is not on a verified sending domain of account "
                            + account
                            + " (any more)",
                        null));
    List<DkimSigning> out = new ArrayList<>(keys.size());
    for (SenderDomains.SigningKey key : keys) {
      if (signers.size() >= MAX_SIGNERS) {
        signers.clear();
      }
      out.add(
          signers.computeIfAbsent(
              account + "/" + key.domain() + "/" + key.selector(),
              k -> new DkimSigning(key.domain(), key.selector(), key.key())));
    }
    return out;
  }
}
