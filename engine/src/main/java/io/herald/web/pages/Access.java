package io.herald.web.pages;

import io.herald.account.AccountId;
import io.herald.account.Membership;
import io.herald.account.Membership.AccountRole;
import io.herald.account.Membership.StaffRole;
import io.herald.account.User;
import io.herald.web.Problem;
import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Who may see what, decided here and nowhere else. An account's pages are for that account's users
 * only (a member of one account never sees another's; staff work through the staff pages); an owner
 * may also invite members. Staff roles have the permissions of the table below (R13: each role sees
 * what it needs): a reviewer decides held campaigns, support reads accounts, an administrator may
 * do both and change accounts. A refusal is a 403 page; a page that needs a signed-in user sends
 * the others to the sign-in page.
 */
final class Access {
  /** What a staff page needs. */
  enum Permission {
    REVIEW_CAMPAIGNS,
    READ_ACCOUNTS,
    CHANGE_ACCOUNTS
  }

  private static final Map<StaffRole, Set<Permission>> STAFF =
      Map.of(
          StaffRole.REVIEWER, EnumSet.of(Permission.REVIEW_CAMPAIGNS),
          StaffRole.SUPPORT, EnumSet.of(Permission.READ_ACCOUNTS),
          StaffRole.ADMIN, EnumSet.allOf(Permission.class));

  /** Thrown for a page that needs a signed-in user; answered with a redirect to sign in. */
  static final class SignInRequired extends RuntimeException {
    SignInRequired() {
      super("sign in first", null, false, false);
    }
  }

  private Access() {}

  static boolean allows(Membership membership, Permission permission) {
    return switch (membership) {
      case Membership.Staff s -> STAFF.get(s.staffRole()).contains(permission);
      case Membership.OfAccount a -> false;
    };
  }

  /** The signed-in user, or a redirect to the sign-in page. */
  static User signedIn(Context ctx) {
    return Pages.viewer(ctx).user().orElseThrow(SignInRequired::new);
  }

  /** The signed-in user when it belongs to {@code account}; 403 for anyone else. */
  static User ofAccount(Context ctx, AccountId account) {
    User user = signedIn(ctx);
    if (user.membership() instanceof Membership.OfAccount a && a.account().equals(account)) {
      return user;
    }
    throw Problem.forbidden("this account's pages are for its own users");
  }

  /** The signed-in owner of {@code account}; 403 for anyone else, its members too. */
  static User owner(Context ctx, AccountId account) {
    User user = ofAccount(ctx, account);
    if (user.membership() instanceof Membership.OfAccount a
        && a.accountRole() == AccountRole.OWNER) {
      return user;
    }
    throw Problem.forbidden("only the account's owner may do this");
  }

  /** The signed-in staff member, of any role. */
  static User staff(Context ctx) {
    User user = signedIn(ctx);
    if (user.membership() instanceof Membership.Staff) {
      return user;
    }
    throw Problem.forbidden("staff pages are for staff");
  }

  /** The signed-in staff member whose role has {@code permission}; 403 otherwise. */
  static User staff(Context ctx, Permission permission) {
    User user = staff(ctx);
    if (!allows(user.membership(), permission)) {
      throw Problem.forbidden("your role may not do this");
    }
    return user;
  }
}
