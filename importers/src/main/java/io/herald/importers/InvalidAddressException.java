package io.herald.importers;

/**
 * An email or phone that cannot be normalised. Checked, because every caller that parses an address
 * typed by a person must decide what to tell that person; the message is the reason alone (e.g.
 * "domain has no dot"), ready to be put after "invalid email: ".
 */
public final class InvalidAddressException extends Exception {

  /** Creates the exception; {@code reason} becomes the message. */
  public InvalidAddressException(String reason) {
    super(reason);
  }
}
