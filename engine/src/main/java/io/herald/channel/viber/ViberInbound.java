package io.herald.channel.viber;

/**
 * Where reports go once read (from a verified callback or a poll). Applying a report twice, late,
 * or out of order (seen before delivered) must be harmless.
 */
@FunctionalInterface
public interface ViberInbound {
  void report(ViberReport report);
}
