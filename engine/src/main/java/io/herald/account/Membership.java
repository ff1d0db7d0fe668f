package io.herald.account;

import java.util.Locale;
import java.util.Objects;

/**
 * Whom a user works for, and in which role: one account (its owner or a member) or Herald's staff
 * (a reviewer of held campaigns, support, or an administrator). Sealed, so every page that decides
 * what a person may see switches over both kinds; what each role may do is decided in one place
 * ({@code web.pages.Access}).
 */
public sealed interface Membership {
  /** The role's name as stored and shown: {@code owner}, {@code member}, {@code admin}, … */
  String role();

  /** A user of one account. */
  record OfAccount(AccountId account, AccountRole accountRole) implements Membership {
    public OfAccount {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(accountRole, "accountRole");
    }

    @Override
    public String role() {
      return accountRole.name().toLowerCase(Locale.ROOT);
    }
  }

  /** A member of Herald's staff. */
  record Staff(StaffRole staffRole) implements Membership {
    public Staff {
      Objects.requireNonNull(staffRole, "staffRole");
    }

    @Override
    public String role() {
      return staffRole.name().toLowerCase(Locale.ROOT);
    }
  }

  /** An account's roles: the owner invites members; members work on the account's data. */
  enum AccountRole {
    OWNER,
    MEMBER
  }

  /**
   * Staff roles (R13: each sees what it needs): a reviewer decides held campaigns, support reads
   * accounts, an administrator may also change them.
   */
  enum StaffRole {
    REVIEWER,
    SUPPORT,
    ADMIN
  }

  /**
   * The membership named by {@code role} ({@code owner}, {@code member}, {@code reviewer}, {@code
   * support} or {@code admin}); an account's role needs {@code account}, a staff role must have
   * none.
   *
   * @throws IllegalArgumentException with a sentence for the user when they do not fit
   */
  static Membership of(String role, java.util.Optional<AccountId> account) {
    String name = role == null ? "" : role.strip().toUpperCase(Locale.ROOT);
    for (AccountRole r : AccountRole.values()) {
      if (r.name().equals(name)) {
        return new OfAccount(
            account.orElseThrow(
                () -> new IllegalArgumentException("an " + role + " needs an account")),
            r);
      }
    }
    for (StaffRole r : StaffRole.values()) {
      if (r.name().equals(name)) {
        if (account.isPresent()) {
          throw new IllegalArgumentException("a staff member (" + role + ") has no account");
        }
        return new Staff(r);
      }
    }
    throw new IllegalArgumentException(
        "role must be owner, member, reviewer, support or admin, not \"" + role + "\"");
  }
}
