package io.herald.channel.sms.smpp;

import io.herald.channel.sms.ReceiptState;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text form of a delivery receipt (SMPP 3.4 appendix B, which SMSCs follow loosely): {@code
 * id:IIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DDDDDDD err:E
 * text:...}. Field names in any case, in any order, any of them missing but {@code id} and {@code
 * stat}; the id is kept exactly as written (hex or decimal, leading zeros), since it must match the
 * {@code message_id} the SMSC answered to the submit.
 *
 * @param id the SMSC's message id
 * @param state the {@code stat:} word as a state; words no table knows read as UNKNOWN
 * @param error the {@code err:} code, "" when absent
 */
record ReceiptText(String id, ReceiptState state, String error) {

  private static final Pattern FIELD =
      Pattern.compile(
          "(?i)(?<![A-Za-z])(id|sub|dlvrd|submit[ _]date|done[ _]date|stat|err|text)\\s*:");

  private static final Map<String, ReceiptState> STATES =
      Map.ofEntries(
          Map.entry("DELIVRD", ReceiptState.DELIVERED),
          Map.entry("DELIVERED", ReceiptState.DELIVERED),
          Map.entry("UNDELIV", ReceiptState.UNDELIVERABLE),
          Map.entry("UNDELIVERABLE", ReceiptState.UNDELIVERABLE),
          Map.entry("EXPIRED", ReceiptState.EXPIRED),
          Map.entry("DELETED", ReceiptState.DELETED),
          Map.entry("REJECTD", ReceiptState.REJECTED),
          Map.entry("REJECTED", ReceiptState.REJECTED),
          Map.entry("ACCEPTD", ReceiptState.ACCEPTED),
          Map.entry("ACCEPTED", ReceiptState.ACCEPTED),
          Map.entry("ENROUTE", ReceiptState.ENROUTE),
          Map.entry("UNKNOWN", ReceiptState.UNKNOWN));

  /** The receipt in {@code text}, or empty when it has no id or no state. */
  static Optional<ReceiptText> parse(String text) {
    Map<String, String> fields = fields(text);
    String id = fields.getOrDefault("id", "");
    String stat = fields.getOrDefault("stat", "");
    if (id.isEmpty() || stat.isEmpty()) {
      return Optional.empty();
    }
    ReceiptState state = STATES.getOrDefault(stat.toUpperCase(Locale.ROOT), ReceiptState.UNKNOWN);
    return Optional.of(new ReceiptText(id, state, fields.getOrDefault("err", "")));
  }

  /** The value of each field: the text up to the next field name; {@code text:} takes the rest. */
  private static Map<String, String> fields(String text) {
    Map<String, String> fields = new HashMap<>();
    Matcher m = FIELD.matcher(text);
    String name = null;
    int valueStart = 0;
    while (m.find()) {
      if (name != null) {
        fields.putIfAbsent(name, text.substring(valueStart, m.start()).strip());
      }
      name = m.group(1).toLowerCase(Locale.ROOT).replace('_', ' ');
      valueStart = m.end();
      if (name.equals("text")) {
        break; // the message's first characters may contain anything, "stat:" included
      }
    }
    if (name != null) {
      fields.putIfAbsent(name, text.substring(valueStart).strip());
    }
    return fields;
  }
}
