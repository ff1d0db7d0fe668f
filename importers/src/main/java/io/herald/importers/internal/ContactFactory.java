package io.herald.importers.internal;

import io.herald.importers.EmailAddress;
import io.herald.importers.InvalidAddressException;
import io.herald.importers.ParsedContact;
import io.herald.importers.PhoneNumber;
import io.herald.importers.RejectedRow;
import io.herald.importers.RowResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the raw pieces of one row into a contact or a reject, with the same rules for every format:
 * a row needs an email or a phone; any present but invalid value rejects the whole row (even when
 * the other one is valid, so the marketer fixes the row instead of losing half of it); an over-long
 * cell rejects the row; names and attributes are cleaned of control characters.
 */
public final class ContactFactory {

  private final String defaultRegion;
  private final int maxCellChars;

  /** Configured once per import. */
  public ContactFactory(String defaultRegion, int maxCellChars) {
    this.defaultRegion = defaultRegion;
    this.maxCellChars = maxCellChars;
  }

  /** Parses a phone with the import's default region; used by TXT phone grouping too. */
  public Optional<PhoneNumber> tryPhone(String raw) {
    try {
      return Optional.of(PhoneNumber.parse(raw, defaultRegion));
    } catch (InvalidAddressException e) {
      return Optional.empty();
    }
  }

  /**
   * Builds the result for one row. Blank attribute values are omitted.
   *
   * @param rawRow the whole row as text, shown in the reject when there is no email or phone
   */
  public RowResult build(
      long row,
      String rawEmail,
      String rawPhone,
      String rawName,
      Map<String, String> rawAttributes,
      String rawRow) {
    Optional<RejectedRow> tooLong = tooLong(row, rawEmail, rawPhone, rawName, rawAttributes);
    if (tooLong.isPresent()) {
      return tooLong.get();
    }
    boolean hasEmail = !Texts.isBlank(rawEmail);
    boolean hasPhone = !Texts.isBlank(rawPhone);
    if (!hasEmail && !hasPhone) {
      return new RejectedRow(row, Texts.visible(rawRow), "no email or phone");
    }
    Optional<Mailbox> mailbox = hasEmail ? Mailbox.of(Texts.clean(rawEmail)) : Optional.empty();
    if (mailbox.isPresent()) {
      rawEmail = mailbox.get().address();
      rawName = Texts.isBlank(rawName) ? mailbox.get().name() : rawName;
    }
    Optional<EmailAddress> email = Optional.empty();
    Optional<PhoneNumber> phone = Optional.empty();
    String emailError = null;
    String phoneError = null;
    try {
      email = hasEmail ? Optional.of(EmailAddress.parse(Texts.clean(rawEmail))) : email;
    } catch (InvalidAddressException e) {
      emailError = "invalid email: " + e.getMessage();
    }
    try {
      phone =
          hasPhone ? Optional.of(PhoneNumber.parse(Texts.clean(rawPhone), defaultRegion)) : phone;
    } catch (InvalidAddressException e) {
      phoneError = "invalid phone: " + e.getMessage();
    }
    if (emailError != null && phoneError != null) {
      String value = Texts.clean(rawEmail) + ", " + Texts.clean(rawPhone);
      return new RejectedRow(row, Texts.visible(value), emailError + "; " + phoneError);
    }
    if (emailError != null) {
      return new RejectedRow(row, Texts.visible(rawEmail.strip()), emailError);
    }
    if (phoneError != null) {
      return new RejectedRow(row, Texts.visible(rawPhone.strip()), phoneError);
    }
    return new ParsedContact(row, email, phone, Texts.clean(rawName), clean(rawAttributes));
  }

  /** The address and display name of {@code name <address>}; RFC 5322's name-addr, simplified. */
  private record Mailbox(String name, String address) {

    private static final Pattern NAME_ADDR = Pattern.compile("(?s)(.*?)<([^<>]*)>");

    static Optional<Mailbox> of(String text) {
      Matcher m = NAME_ADDR.matcher(text);
      if (!m.matches() || Texts.isBlank(m.group(1))) {
        return Optional.empty();
      }
      return Optional.of(new Mailbox(unquote(Texts.stripSpaces(m.group(1))), m.group(2)));
    }

    /** {@code "Д., Іван"} → {@code Д., Іван}, undoing the backslash escapes inside the quotes. */
    private static String unquote(String name) {
      if (name.length() < 2 || !name.startsWith("\"") || !name.endsWith("\"")) {
        return name;
      }
      return Texts.stripSpaces(name.substring(1, name.length() - 1).replaceAll("\\\\(.)", "$1"));
    }
  }

  private Optional<RejectedRow> tooLong(
      long row, String email, String phone, String name, Map<String, String> attributes) {
    if (email.length() > maxCellChars) {
      return Optional.of(cellTooLong(row, "email", email));
    }
    if (phone.length() > maxCellChars) {
      return Optional.of(cellTooLong(row, "phone", phone));
    }
    if (name.length() > maxCellChars) {
      return Optional.of(cellTooLong(row, "name", name));
    }
    for (Map.Entry<String, String> cell : attributes.entrySet()) {
      if (cell.getValue().length() > maxCellChars) {
        return Optional.of(cellTooLong(row, Texts.clean(cell.getKey()), cell.getValue()));
      }
    }
    return Optional.empty();
  }

  private RejectedRow cellTooLong(long row, String column, String value) {
    return new RejectedRow(
        row,
        Texts.visible(value),
        "cell '" + column + "' is longer than " + maxCellChars + " characters");
  }

  private static Map<String, String> clean(Map<String, String> raw) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> cell : raw.entrySet()) {
      String value = Texts.clean(cell.getValue());
      if (!value.isEmpty()) {
        out.putIfAbsent(Texts.clean(cell.getKey()), value);
      }
    }
    return out;
  }
}
