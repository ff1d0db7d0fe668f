package io.herald.account;

import java.util.List;

/** Looks up TXT records: how Herald checks that an account controls a domain. */
public interface DnsTxt {
  /**
   * The TXT records at {@code name}, each one's strings joined; empty when there are none (or no
   * such name).
   *
   * @throws Unavailable when DNS gave no answer (a timeout, SERVFAIL): the record may be there
   */
  List<String> lookup(String name) throws Unavailable;

  /** DNS could not be asked; try again later. */
  final class Unavailable extends Exception {
    public Unavailable(String message) {
      super(message, null, false, false);
    }
  }
}
