package io.herald.importers.internal;

import io.herald.importers.FileRefusedException;
import io.herald.importers.RejectedRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one line of a plain-text list. Lists pasted from mail clients and chats mix separators and
 * write phones with spaces, so the rule is:
 *
 * <ol>
 *   <li>The line is cut into segments at commas, semicolons, tabs and '|'; each segment is cut into
 *       tokens at whitespace.
 *   <li>A token containing '@' is an email. A token made only of digits and {@code +()-.} (with at
 *       least one digit) is a phone fragment; consecutive fragments of one segment are joined into
 *       one phone, so "+380 67 123 45 67" is one number. A new phone starts at a fragment beginning
 *       with '+', when the joined digits would pass 15, or when the phone so far is already valid
 *       and adding the fragment would make it invalid ("067 123 4567 050 111 2233" is two phones).
 *       Any other token is a word.
 *   <li>A line with at most one email and at most one phone is one contact, its words forming the
 *       name ("Ivan Petrenko &lt;ivan@example.com&gt;"). A line with more addresses is a list: each
 *       address is its own contact, and leftover words are rejected as "not an email or phone".
 *   <li>A line with no address is rejected as "no email or phone"; blank lines are skipped.
 * </ol>
 *
 * Every result carries the line number.
 */
public final class TxtLineInterpreter {

  private static final Pattern SEGMENT_BREAK = Pattern.compile("[,;\t|]");
  private static final Pattern TOKEN_BREAK = Pattern.compile("[\\s\u00A0]+");
  private static final int MAX_PHONE_DIGITS = 15;

  private final ContactFactory contacts;
  private final RowEmitter emitter;

  /** One interpreter per file. */
  public TxtLineInterpreter(ContactFactory contacts, RowEmitter emitter) {
    this.contacts = contacts;
    this.emitter = emitter;
  }

  /** Handles one physical line. */
  public void line(long lineNumber, String line) throws IOException, FileRefusedException {
    if (Texts.isBlank(line)) {
      return;
    }
    emitter.dataRow();
    List<String> emails = new ArrayList<>();
    List<String> phones = new ArrayList<>();
    List<String> words = new ArrayList<>();
    for (String segment : SEGMENT_BREAK.split(line)) {
      splitSegment(segment, emails, phones, words);
    }
    String name = stripQuotes(String.join(" ", words));
    if (emails.isEmpty() && phones.isEmpty()) {
      emitter.emit(new RejectedRow(lineNumber, Texts.visible(line), "no email or phone"));
    } else if (emails.size() <= 1 && phones.size() <= 1) {
      emitter.emit(contacts.build(lineNumber, first(emails), first(phones), name, Map.of(), line));
    } else {
      for (String email : emails) {
        emitter.emit(contacts.build(lineNumber, email, "", "", Map.of(), email));
      }
      for (String phone : phones) {
        emitter.emit(contacts.build(lineNumber, "", phone, "", Map.of(), phone));
      }
      if (!name.isEmpty()) {
        emitter.emit(new RejectedRow(lineNumber, Texts.visible(name), "not an email or phone"));
      }
    }
  }

  private void splitSegment(
      String segment, List<String> emails, List<String> phones, List<String> words) {
    List<String> group = new ArrayList<>();
    for (String token : TOKEN_BREAK.split(Texts.clean(segment))) {
      if (token.isEmpty()) {
        continue;
      }
      if (isPhoneFragment(token)) {
        if (!group.isEmpty() && startsNewPhone(group, token)) {
          phones.add(String.join(" ", group));
          group.clear();
        }
        group.add(token);
        continue;
      }
      if (!group.isEmpty()) {
        phones.add(String.join(" ", group));
        group.clear();
      }
      (token.indexOf('@') >= 0 ? emails : words).add(token);
    }
    if (!group.isEmpty()) {
      phones.add(String.join(" ", group));
    }
  }

  private boolean startsNewPhone(List<String> group, String fragment) {
    if (fragment.startsWith("+")) {
      return true;
    }
    String joined = String.join(" ", group);
    if (digits(joined) + digits(fragment) > MAX_PHONE_DIGITS) {
      return true;
    }
    return contacts.tryPhone(joined).isPresent()
        && contacts.tryPhone(joined + " " + fragment).isEmpty();
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

  private static int digits(String text) {
    return (int) text.chars().filter(c -> c >= '0' && c <= '9').count();
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
}
