package io.herald.audience;

import io.herald.account.AccountId;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A file to import into a list. {@code file} is a local copy (an upload is spooled to disk first,
 * since XLS and XLSX need random access); when {@code ownsFile} is set the import deletes it when
 * done. {@code consentStatement} is what the recipients agreed to; empty means the list's. {@code
 * language} sets the list's language ({@link ListLanguages}); empty keeps an existing list's, and a
 * new list gets the default.
 */
public record ImportRequest(
    AccountId account,
    String listName,
    Path file,
    String fileName,
    Optional<String> consentStatement,
    boolean ownsFile,
    Optional<String> language) {
  /** An import that leaves the list's language as it is (a new list: the default). */
  public ImportRequest(
      AccountId account,
      String listName,
      Path file,
      String fileName,
      Optional<String> consentStatement,
      boolean ownsFile) {
    this(account, listName, file, fileName, consentStatement, ownsFile, Optional.empty());
  }
}
