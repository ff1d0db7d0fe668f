package io.herald.account;

/** Why an account change was refused, in one line for the user, and of which kind. */
public final class Refusal extends Exception {
  /**
   * Invalid input, a state that does not allow it, nothing to change, or a well-formed request that
   * cannot be done (a domain whose DNS record is not there yet).
   */
  public enum Kind {
    INVALID,
    CONFLICT,
    NOT_FOUND,
    UNPROCESSABLE
  }

  private final Kind kind;

  public Refusal(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /** {@code value} stripped, when it is 1 to {@code max} characters with no control character. */
  static String oneLine(String field, String value, int max) throws Refusal {
    String stripped = value == null ? "" : value.strip();
    if (stripped.isEmpty() || stripped.length() > max) {
      throw new Refusal(Kind.INVALID, field + " must be 1 to " + max + " characters");
    }
    if (stripped.chars().anyMatch(Character::isISOControl)) {
      throw new Refusal(Kind.INVALID, field + " must be one line without control characters");
    }
    return stripped;
  }
}
