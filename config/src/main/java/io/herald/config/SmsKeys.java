package io.herald.config;

import static io.herald.config.ConfigSchema.PORT;
import static io.herald.config.ValueTypes.bool;
import static io.herald.config.ValueTypes.duration;
import static io.herald.config.ValueTypes.host;
import static io.herald.config.ValueTypes.integer;
import static io.herald.config.ValueTypes.matching;
import static io.herald.config.ValueTypes.optionalDuration;
import static io.herald.config.ValueTypes.port;
import static io.herald.config.ValueTypes.secret;
import static io.herald.config.ValueTypes.text;
import static io.herald.config.ValueTypes.timeOfDay;

import io.herald.config.RecordList.Field;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code sms.*} keys: SMS over SMPP (the SMSC connections, receipts, dead numbers, quiet hours,
 * validity). Declared apart from {@link ConfigSchema} to keep each file to one section; the schema
 * lists them and assembles {@link SmsConfig}.
 */
final class SmsKeys {
  private SmsKeys() {}

  private static final String DURATION = "a duration such as 30s or 1m";

  // The fields of one sms.smsc item. Lengths are SMPP 3.4's (system_id 16, password 9 and
  // system_type 13 octets, each with its terminating NUL): longer values would be cut by the SMSC.
  static final Field<String> NAME =
      Field.required(
          "name", text("a non-empty name"), "How logs and metrics call this connection; unique.");
  static final Field<String> HOST =
      Field.required("host", host("a host name or IP address"), "The SMSC's host.");
  static final Field<Integer> PORT_FIELD =
      Field.optional("port", port(PORT), "2775", "The SMSC's SMPP port.");
  static final Field<String> SYSTEM_ID =
      Field.required(
          "systemId",
          matching(Pattern.compile(".{1,15}"), "1 to 15 characters"),
          "SMPP system_id Herald binds with.");
  static final Field<String> PASSWORD =
      Field.optional(
          "password",
          secret(8, "at most 8 characters"),
          "",
          "SMPP password (prefer the environment variable to the file).");
  static final Field<String> SYSTEM_TYPE =
      Field.optional(
          "systemType",
          matching(Pattern.compile(".{0,12}"), "at most 12 characters"),
          "",
          "SMPP system_type; most SMSCs want it empty.");
  static final Field<Boolean> TLS =
      Field.optional("tls", bool("true or false"), "false", "TLS from the first byte.");
  static final Field<Integer> WINDOW =
      Field.optional(
          "window",
          integer(1, 1_000, "an integer 1..1000"),
          "10",
          "Most submit_sm awaiting their response at once on this connection.");
  static final Field<Integer> SUBMITS_PER_SECOND =
      Field.optional(
          "submitsPerSecond",
          integer(1, 100_000, "an integer 1..100000"),
          "50",
          "Most submit_sm per second (each part counts); ESME_RTHROTTLED or ESME_RMSGQFUL"
              + " halves it for a while.");
  static final Field<Duration> ENQUIRE_LINK_EVERY =
      Field.optional(
          "enquireLinkEvery",
          duration(DURATION),
          "30s",
          "Silence after which enquire_link keeps the connection alive.");
  static final Field<Duration> RECONNECT_MIN_BACKOFF =
      Field.optional(
          "reconnectMinBackoff",
          duration(DURATION),
          "1s",
          "First wait before binding again after a lost connection; doubles per failure.");
  static final Field<Duration> RECONNECT_MAX_BACKOFF =
      Field.optional(
          "reconnectMaxBackoff",
          duration(DURATION),
          "60s",
          "Longest wait between two bind attempts.");
  static final Field<Duration> BIND_TIMEOUT =
      Field.optional(
          "bindTimeout", duration(DURATION), "10s", "How long a bind waits for its response.");
  static final Field<Duration> RESPONSE_TIMEOUT =
      Field.optional(
          "responseTimeout",
          duration(DURATION),
          "10s",
          "How long a submit_sm waits for its response before the SMS is deferred.");
  static final List<Field<?>> SMSC_FIELDS =
      List.of(
          NAME,
          HOST,
          PORT_FIELD,
          SYSTEM_ID,
          PASSWORD,
          SYSTEM_TYPE,
          TLS,
          WINDOW,
          SUBMITS_PER_SECOND,
          ENQUIRE_LINK_EVERY,
          RECONNECT_MIN_BACKOFF,
          RECONNECT_MAX_BACKOFF,
          BIND_TIMEOUT,
          RESPONSE_TIMEOUT);

  static final ConfigKey<Boolean> SMS_ENABLED =
      ConfigKey.of(
          "sms.enabled",
          bool("true or false"),
          "false",
          "Whether the SMS channel runs; it needs at least one connection in sms.smsc.");
  static final ConfigKey<List<SmscConfig>> SMS_SMSC =
      ConfigKey.of(
          "sms.smsc",
          new RecordList<>(
              "a list of SMSC connections, each a mapping with name, host, systemId and optional"
                  + " fields",
              NAME,
              SMSC_FIELDS,
              SmsKeys::smsc),
          "",
          "The SMSC connections (SMPP 3.4, bound as transceiver); see the fields below.");
  static final ConfigKey<Duration> SMS_RECEIPT_TIMEOUT =
      ConfigKey.of(
          "sms.receiptTimeout",
          duration("a duration such as 72h"),
          "72h",
          "How long after the SMSC accepted an SMS a missing delivery receipt is waited for;"
              + " then the outcome is \"unknown\". At least the SMSC's validity period.");
  static final ConfigKey<Integer> SMS_UNDELIVERABLE_LIMIT =
      ConfigKey.of(
          "sms.undeliverableLimit",
          integer(1, 100, "an integer 1..100"),
          "2",
          "Undeliverable receipts after which a number is suppressed for the account.");
  static final ConfigKey<LocalTime> SMS_QUIET_HOURS_START =
      ConfigKey.of(
          "sms.quietHours.start",
          timeOfDay("a time of day such as 21:00"),
          "21:00",
          "From this local time (the recipient's time zone) marketing SMS wait.");
  static final ConfigKey<LocalTime> SMS_QUIET_HOURS_END =
      ConfigKey.of(
          "sms.quietHours.end",
          timeOfDay("a time of day such as 09:00"),
          "09:00",
          "At this local time waiting marketing SMS may go; equal to start means no quiet hours.");
  static final ConfigKey<Optional<Duration>> SMS_VALIDITY =
      ConfigKey.of(
          "sms.validity",
          optionalDuration("a duration such as 48h, or empty"),
          "",
          "Validity period asked of the SMSC (it stops trying after it); empty: the SMSC's own.");

  static final List<ConfigKey<?>> KEYS =
      List.of(
          SMS_ENABLED,
          SMS_SMSC,
          SMS_RECEIPT_TIMEOUT,
          SMS_UNDELIVERABLE_LIMIT,
          SMS_QUIET_HOURS_START,
          SMS_QUIET_HOURS_END,
          SMS_VALIDITY);

  static SmsConfig assemble(ConfigSchema.Values v) {
    if (v.get(SMS_ENABLED) && v.get(SMS_SMSC).isEmpty()) {
      throw new IllegalArgumentException(
          "sms.enabled is true but sms.smsc lists no SMSC connection");
    }
    Optional<Duration> validity = v.get(SMS_VALIDITY);
    if (validity.isPresent() && validity.get().compareTo(v.get(SMS_RECEIPT_TIMEOUT)) > 0) {
      // A receipt may come until the SMSC gives up (validity); calling it unknown sooner is wrong.
      throw new IllegalArgumentException(
          "sms.receiptTimeout ("
              + v.get(SMS_RECEIPT_TIMEOUT)
              + ") is shorter than sms.validity ("
              + validity.get()
              + ")");
    }
    return new SmsConfig(
        v.get(SMS_ENABLED),
        v.get(SMS_SMSC),
        v.get(SMS_RECEIPT_TIMEOUT),
        v.get(SMS_UNDELIVERABLE_LIMIT),
        v.get(SMS_QUIET_HOURS_START),
        v.get(SMS_QUIET_HOURS_END),
        validity);
  }

  private static SmscConfig smsc(RecordList.Fields f) {
    return new SmscConfig(
        f.get(NAME),
        f.get(HOST),
        f.get(PORT_FIELD),
        f.get(SYSTEM_ID),
        f.get(PASSWORD),
        f.get(SYSTEM_TYPE),
        f.get(TLS),
        f.get(WINDOW),
        f.get(SUBMITS_PER_SECOND),
        f.get(ENQUIRE_LINK_EVERY),
        f.get(RECONNECT_MIN_BACKOFF),
        f.get(RECONNECT_MAX_BACKOFF),
        f.get(BIND_TIMEOUT),
        f.get(RESPONSE_TIMEOUT));
  }
}
