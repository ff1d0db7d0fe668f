package io.herald.channel.viber;

import java.util.List;
import java.util.Map;

/**
 * Reads a provider's report callback (an HTTP request it sent to Herald) after checking its
 * signature: a callback that is unsigned, signed with another secret, altered, or too old is
 * refused with {@link CallbackRefused} and nothing in it is read.
 */
public interface ViberCallbacks {
  /** {@code headers} with lower-case names; {@code body} the raw bytes as received. */
  List<ViberReport> read(Map<String, String> headers, byte[] body) throws CallbackRefused;

  /**
   * A callback Herald does not accept; the message says why (for the log and the answer). {@code
   * malformed}: the signature was genuine but the body is not what the provider sends (a 400, not a
   * 401).
   */
  final class CallbackRefused extends Exception {
    private final boolean malformed;

    public CallbackRefused(String message) {
      this(message, false);
    }

    public CallbackRefused(String message, boolean malformed) {
      super(message);
      this.malformed = malformed;
    }

    public boolean malformed() {
      return malformed;
    }
  }
}
