package io.herald.submission;

import io.herald.account.Account;
import java.security.Principal;

/** The account an SMTP session sends as: from AUTH (its API key) or a trusted network. */
record RelayPrincipal(Account account) implements Principal {
  @Override
  public String getName() {
    return account.id().value();
  }
}
