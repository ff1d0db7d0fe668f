package io.herald.feedback;

import jakarta.mail.Header;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One group of RFC 822-style fields, in order, with folded lines joined: a message's header, the
 * per-message or one per-recipient group of a {@code message/delivery-status} body (RFC 3464 §2.1)
 * or the body of a {@code message/feedback-report} (RFC 5965 §3.1). Jakarta Mail does not parse
 * these report bodies, so this does, leniently and within bounds: lines that are not fields are
 * skipped, and a hostile report cannot make it hold more than {@link #MAX_FIELDS} fields of {@link
 * #MAX_VALUE} characters.
 */
record Fields(List<Field> list) {
  static final int MAX_FIELDS = 1000;
  static final int MAX_VALUE = 8192;
  private static final Fields EMPTY = new Fields(List.of());
  private static final Pattern FOLD = Pattern.compile("(?:\\r\\n|\\r|\\n)[ \\t]+");
  private static final Pattern LINE_END = Pattern.compile("\\r\\n|\\r|\\n");

  /** One field; the name as written, the value unfolded and stripped. */
  record Field(String name, String value) {}

  Fields {
    list = List.copyOf(list);
  }

  /** The value of the first field of that name (case-insensitive), if any. */
  Optional<String> first(String name) {
    return list.stream().filter(f -> f.name().equalsIgnoreCase(name)).map(Field::value).findFirst();
  }

  /** The values of every field of that name (case-insensitive), in order. */
  List<String> all(String name) {
    return list.stream().filter(f -> f.name().equalsIgnoreCase(name)).map(Field::value).toList();
  }

  boolean isEmpty() {
    return list.isEmpty();
  }

  /** The header lines Jakarta Mail parsed. */
  static Fields of(Enumeration<Header> headers) {
    List<Field> fields = new ArrayList<>();
    while (headers.hasMoreElements() && fields.size() < MAX_FIELDS) {
      Header header = headers.nextElement();
      String value = header.getValue() == null ? "" : header.getValue();
      fields.add(new Field(header.getName(), unfold(value)));
    }
    return new Fields(fields);
  }

  /** The header at the start of a message: every field up to the first blank line. */
  static Fields header(String text) {
    List<Fields> groups = parse(text, true);
    return groups.isEmpty() ? EMPTY : groups.getFirst();
  }

  /**
   * Every group of fields in a report body; blank lines separate groups, empty ones are dropped.
   */
  static List<Fields> groups(String text) {
    return parse(text, false);
  }

  private static List<Fields> parse(String text, boolean headerOnly) {
    List<Fields> groups = new ArrayList<>();
    List<Field> group = new ArrayList<>();
    StringBuilder value = null;
    String name = null;
    int total = 0;
    for (String line : LINE_END.split(text, -1)) {
      if (line.isBlank()) {
        total += finish(group, name, value);
        name = null;
        if (headerOnly) {
          break;
        }
        if (!group.isEmpty()) {
          groups.add(new Fields(group));
          group = new ArrayList<>();
        }
        continue;
      }
      if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        if (name != null && value.length() < MAX_VALUE) {
          value.append(' ').append(line.strip());
        }
        continue;
      }
      total += finish(group, name, value);
      name = null;
      if (total >= MAX_FIELDS) {
        break;
      }
      int colon = line.indexOf(':');
      // RFC 5322's obsolete syntax allows white space before the colon ("Action : failed").
      String candidate = colon > 0 ? line.substring(0, colon).stripTrailing() : "";
      if (!candidate.isEmpty() && isFieldName(candidate)) {
        name = candidate;
        value = new StringBuilder(line.substring(colon + 1).strip());
      }
    }
    finish(group, name, value);
    if (!group.isEmpty()) {
      groups.add(new Fields(group));
    }
    return groups;
  }

  private static int finish(List<Field> group, String name, StringBuilder value) {
    if (name == null) {
      return 0;
    }
    String text = value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) : value.toString();
    group.add(new Field(name, text.strip()));
    return 1;
  }

  /** RFC 5322 §3.6.8: printable US-ASCII except the colon; no spaces. */
  private static boolean isFieldName(String name) {
    if (name.length() > 76) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c > '~') {
        return false;
      }
    }
    return true;
  }

  private static String unfold(String value) {
    String joined = FOLD.matcher(value).replaceAll(" ").strip();
    return joined.length() > MAX_VALUE ? joined.substring(0, MAX_VALUE) : joined;
  }
}
