package io.herald.audience;

import io.herald.account.AccountId;
import io.herald.paging.Page;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where lists, their members, suppressions and imports are kept (Redis in production). Every method
 * takes the account: one account can never name another's data.
 */
public interface AudienceStore {
  List<ContactList> lists(AccountId account);

  Optional<ContactList> findList(AccountId account, String name);

  /** Every member of the list, in no particular order, without loading the list into memory. */
  void forEachMember(AccountId account, String listId, Consumer<Contact> action);

  /** One member of a list by contact key. */
  Optional<Contact> findMember(AccountId account, String listId, String contactKey);

  void suppress(AccountId account, Suppression suppression);

  /** Which of these contact keys the account has suppressed (checked again at send time, R3). */
  java.util.Set<String> suppressedAmong(AccountId account, java.util.List<String> keys);

  /**
   * A page of the account's suppressions in the order of their keys ({@code e:<email>} before
   * {@code p:<phone>}), after the position {@code after} (a {@link Page#next()}).
   *
   * @throws io.herald.paging.BadCursor when {@code after} is no position of this list
   */
  Page<Suppression> suppressions(AccountId account, Optional<String> after, int limit);

  Optional<ImportJob> findImport(AccountId account, String importId);

  /**
   * A page of the account's imports, newest first, after the position {@code after}.
   *
   * @throws io.herald.paging.BadCursor when {@code after} is no position of this list
   */
  Page<ImportJob> imports(AccountId account, Optional<String> after, int limit);

  List<RowIssue> rowIssues(AccountId account, String importId, long offset, int limit);

  /**
   * Takes the list for an import and records the job as running. The list is the one named in
   * {@code proposed} if it exists (matched by name), otherwise {@code proposed} itself, created
   * only when the import commits. Empty when another import holds the list.
   */
  default Optional<ImportSession> openImport(
      AccountId account, ContactList proposed, ImportJob job) {
    return openImport(account, proposed, job, Optional.empty());
  }

  /**
   * The same, and when {@code language} is given an existing list takes it when the import commits
   * (a new list has {@code proposed}'s language).
   */
  Optional<ImportSession> openImport(
      AccountId account, ContactList proposed, ImportJob job, Optional<String> language);
}
