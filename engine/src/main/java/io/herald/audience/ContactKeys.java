package io.herald.audience;

import java.util.Locale;

/**
 * How a contact is identified inside an account. Email addresses are compared case-insensitively
 * (mailbox providers treat the local part so, and a list holding both {@code Ann@x} and {@code
 * ann@x} would mail one person twice); phones by their E.164 form.
 */
public final class ContactKeys {
  private ContactKeys() {}

  public static String email(String normalisedEmail) {
    return "e:" + normalisedEmail.toLowerCase(Locale.ROOT);
  }

  public static String phone(String e164) {
    return "p:" + e164;
  }
}
