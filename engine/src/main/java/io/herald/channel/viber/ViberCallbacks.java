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

  /** A callback Herald does not accept; the message says why (for the log and the 401). */
  final class CallbackRefused extends Exception {
    public CallbackRefused(String message) {
      super(message);
    }
  }
}
