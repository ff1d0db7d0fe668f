package io.herald.feedback;

/** How much of a foreign mail's text Herald keeps, in characters. */
final class Limits {
  static final int DIAGNOSTIC = 500;
  static final int ADDRESS = 320;
  static final int USER_AGENT = 200;
  static final int FEEDBACK_TYPE = 32;

  private Limits() {}
}
