package io.herald.account;

import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Domain names as sending domains use them: normalised, checked, and walked up to the parent. */
final class DomainNames {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final int MAX_LENGTH = 253;

  private DomainNames() {}

  /**
   * The domain in lower-case ASCII ({@code xn--} for an IDN), or a refusal saying what is wrong
   * with it. A sending domain has at least two labels; the last is not all digits.
   */
  static String normalise(String given) throws Refusal {
    String raw = given == null ? "" : given.strip();
    String ascii;
    try {
      ascii = IDN.toASCII(raw, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw invalid(raw);
    }
    if (ascii.isEmpty() || ascii.length() > MAX_LENGTH || ascii.endsWith(".")) {
      throw invalid(raw);
    }
    String[] labels = ascii.split("\\.", -1);
    if (labels.length < 2 || labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
      throw invalid(raw);
    }
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        throw invalid(raw);
      }
    }
    return ascii;
  }

  private static Refusal invalid(String raw) {
    return new Refusal(
        Refusal.Kind.INVALID,
        "\"" + (raw.length() > 80 ? raw.substring(0, 80) + "…" : raw) + "\" is not a domain name");
  }

  /** The domain of an address, lower-case (empty when there is none). */
  static String domainOf(String address) {
    int at = address.lastIndexOf('@');
    return at < 0 ? "" : address.substring(at + 1).toLowerCase(Locale.ROOT);
  }

  /** The domain and each parent of it with at least two labels, nearest first. */
  static List<String> selfAndParents(String domain) {
    List<String> out = new ArrayList<>();
    String current = domain;
    while (current.indexOf('.') > 0) {
      out.add(current);
      current = current.substring(current.indexOf('.') + 1);
    }
    return out;
  }

  /** Whether {@code domain} is {@code parent} or one of its subdomains. */
  static boolean within(String domain, String parent) {
    return domain.equals(parent) || domain.endsWith("." + parent);
  }
}
