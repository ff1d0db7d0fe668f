package io.herald.importers.internal;

import io.herald.importers.FileRefusedException;
import io.herald.importers.RejectedRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one line of a plain-text list. Lists pasted from mail clients and chats mix separators and
 * write phones with spaces, but a text file may also be a hex dump or a table of figures whose
 * digits must never become the phone of someone who never consented (R2), so the rule is:
 *
 * <ol>
 *   <li>A line starting with {@code #} or {@code //} is a comment ("# unsubscribed: …"), skipped
 *       whole and not a row; blank lines are skipped too.
 *   <li>The line is cut into segments at commas, semicolons, tabs and '|' outside double quotes (so
 *       {@code "Д., Іван" <ivan@example.com>} stays whole); each segment is cut into tokens at any
 *       Unicode space.
 *   <li>A token containing '@' is an email. A token made only of digits and {@code +()-.} (with at
 *       least one digit) is a phone fragment, and consecutive fragments form one phone, a fragment
 *       starting with '+' starting the next. A phone of several fragments must be written as a
 *       phone ({@link #writtenAsPhone}): "+380 67 123 45 67" and "(067) 123-45-67" are, columns of
 *       one- or two-digit numbers ("06 71 23 45 67") and decimals ("0.67 1.23") are not, and reject
 *       the line. Any other token is a word; a word with a digit in it ("1/2", "0a") rejects the
 *       line, since the line is then data, not a contact.
 *   <li>A line with at most one email and at most one phone is one contact, its words forming the
 *       name ("Ivan Petrenko &lt;ivan@example.com&gt;"). A line with more addresses is a list: each
 *       address is its own contact, and leftover words are rejected as "not an email or phone".
 *   <li>A line with no address is rejected as "no email or phone".
 * </ol>
 *
 * Every result carries the line number.
 */
public final class TxtLineInterpreter {

  private static final int MIN_GROUP_DIGITS = 3;

  private final ContactFactory contacts;
  private final RowEmitter emitter;

  /** One interpreter per file. */
  public TxtLineInterpreter(ContactFactory contacts, RowEmitter emitter) {
    this.contacts = contacts;
    this.emitter = emitter;
  }

  /** Handles one physical line. */
  public void line(long lineNumber, String line) throws IOException, FileRefusedException {
    if (Texts.isBlank(line) || isComment(line)) {
      return;
    }
    emitter.dataRow();
    Tokens tokens = new Tokens();
    for (String segment : segments(line)) {
      tokens.segment(Texts.clean(segment));
    }
    String name = stripQuotes(String.join(" ", tokens.words));
    if (tokens.problem.isPresent()) {
      emitter.emit(new RejectedRow(lineNumber, Texts.visible(line), tokens.problem.get()));
    } else if (tokens.emails.isEmpty() && tokens.phones.isEmpty()) {
      emitter.emit(new RejectedRow(lineNumber, Texts.visible(line), "no email or phone"));
    } else if (tokens.emails.size() <= 1 && tokens.phones.size() <= 1) {
      emitter.sawAddress();
      emitter.emit(
          contacts.build(
              lineNumber, first(tokens.emails), first(tokens.phones), name, Map.of(), line));
    } else {
      emitter.sawAddress();
      for (String email : tokens.emails) {
        emitter.emit(contacts.build(lineNumber, email, "", "", Map.of(), email));
      }
      for (String phone : tokens.phones) {
        emitter.emit(contacts.build(lineNumber, "", phone, "", Map.of(), phone));
      }
      if (!name.isEmpty()) {
        emitter.emit(new RejectedRow(lineNumber, Texts.visible(name), "not an email or phone"));
      }
    }
  }

  private static boolean isComment(String line) {
    String text = Texts.stripSpaces(line);
    return text.startsWith("#") || text.startsWith("//");
  }

  /** Cuts at , ; TAB and | outside double quotes. */
  private static List<String> segments(String line) {
    List<String> segments = new ArrayList<>();
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && ",;\t|".indexOf(c) >= 0) {
        segments.add(line.substring(start, i));
        start = i + 1;
      }
    }
    segments.add(line.substring(start));
    return segments;
  }

  /**
   * Whether fragments separated by spaces are one phone as people write phones: no decimals, and
   * either a leading "+" or "(" or at least one group of three digits or more ("067 123 45 67"),
   * which columns of a table or a dump ("12 34 56 78 90") do not have.
   */
  static boolean writtenAsPhone(List<String> fragments) {
    if (fragments.size() == 1) {
      return true;
    }
    boolean marked = fragments.getFirst().startsWith("+") || fragments.getFirst().startsWith("(");
    boolean longGroup = false;
    for (String fragment : fragments) {
      if (fragment.indexOf('.') >= 0) {
        return false;
      }
      int run = 0;
      for (int i = 0; i < fragment.length(); i++) {
        run = Character.isDigit(fragment.charAt(i)) ? run + 1 : 0;
        longGroup |= run >= MIN_GROUP_DIGITS;
      }
    }
    return marked || longGroup;
  }

  private static boolean isPhoneFragment(String token) {
    boolean digit = false;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if ("+()-.".indexOf(c) < 0) {
        return false;
      }
    }
    return digit;
  }

  private static boolean hasDigit(String token) {
    return token.chars().anyMatch(c -> c >= '0' && c <= '9');
  }

  private static String first(List<String> values) {
    return values.isEmpty() ? "" : values.getFirst();
  }

  private static String stripQuotes(String name) {
    String stripped = name.strip();
    while (!stripped.isEmpty() && "\"'«»“”".indexOf(stripped.charAt(0)) >= 0) {
      stripped = stripped.substring(1).strip();
    }
    while (!stripped.isEmpty() && "\"'«»“”".indexOf(stripped.charAt(stripped.length() - 1)) >= 0) {
      stripped = stripped.substring(0, stripped.length() - 1).strip();
    }
    return stripped;
  }

  /** The emails, phones and words of one line, and the first reason it is not a contact line. */
  private static final class Tokens {

    final List<String> emails = new ArrayList<>();
    final List<String> phones = new ArrayList<>();
    final List<String> words = new ArrayList<>();
    Optional<String> problem = Optional.empty();
    private final List<String> group = new ArrayList<>();

    void segment(String segment) {
      for (String token : splitAtSpaces(segment)) {
        if (isPhoneFragment(token)) {
          if (token.startsWith("+")) {
            endPhone();
          }
          group.add(token);
          continue;
        }
        endPhone();
        if (token.indexOf('@') >= 0) {
          emails.add(token);
        } else {
          if (hasDigit(token)) {
            problem("digits outside an email or phone number ('" + token + "')");
          }
          words.add(token);
        }
      }
      endPhone(); // digits are never joined across segments
    }

    private void endPhone() {
      if (group.isEmpty()) {
        return;
      }
      String phone = String.join(" ", group);
      if (!writtenAsPhone(group)) {
        problem("digits in columns ('" + Texts.visible(phone) + "'), not one phone number");
      }
      phones.add(phone);
      group.clear();
    }

    private void problem(String reason) {
      if (problem.isEmpty()) {
        problem = Optional.of(reason);
      }
    }

    private static List<String> splitAtSpaces(String text) {
      List<String> tokens = new ArrayList<>();
      int start = -1;
      for (int i = 0; i <= text.length(); i++) {
        boolean space = i == text.length() || Texts.isSpace(text.charAt(i));
        if (space && start >= 0) {
          tokens.add(text.substring(start, i));
          start = -1;
        } else if (!space && start < 0) {
          start = i;
        }
      }
      return tokens;
    }
  }
}
