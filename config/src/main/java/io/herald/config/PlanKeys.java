package io.herald.config;

import static io.herald.config.ValueTypes.longInteger;
import static io.herald.config.ValueTypes.matching;

import io.herald.config.RecordList.Field;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code policy.plans.*} keys: the free plan and the paid packages (R9). Declared apart from
 * {@link ConfigSchema} to keep each file to one section; the schema lists them and {@link
 * PolicyConfig} holds the {@link PlanConfig} they make.
 */
final class PlanKeys {
  private PlanKeys() {}

  private static final String COUNT = "an integer 0 or more";

  static final Field<String> NAME =
      Field.required(
          "name",
          matching(Pattern.compile("[a-z][a-z0-9-]{0,31}"), "1 to 32 of a-z, 0-9 and -"),
          "How accounts and the API name the package; unique, not \"free\".");
  static final Field<Long> MESSAGES =
      Field.required(
          "messages",
          longInteger(0, Long.MAX_VALUE / 4, COUNT),
          "Messages per 30-day period (an email 1, an SMS its parts, a Viber message 1).");
  static final Field<Long> SUBSCRIBERS =
      Field.required(
          "subscribers",
          longInteger(0, Long.MAX_VALUE / 4, COUNT),
          "Contacts the account's lists may hold.");
  static final Field<Long> PRICE =
      Field.required(
          "price",
          new ValueTypes.Scalar<>("an amount such as 199 or 199.50", PlanKeys::minorUnits),
          "Price of one 30-day period in policy.plans.currency, at most two decimals.");

  static final ConfigKey<Long> FREE_MESSAGES =
      ConfigKey.of(
          "policy.plans.freeMessages",
          longInteger(0, Long.MAX_VALUE / 4, COUNT),
          "3000",
          "Messages the free plan allows per calendar month (an email 1, an SMS its parts).");
  static final ConfigKey<Long> FREE_SUBSCRIBERS =
      ConfigKey.of(
          "policy.plans.freeSubscribers",
          longInteger(0, Long.MAX_VALUE / 4, COUNT),
          "300",
          "Contacts the free plan's lists may hold (an import past it is refused whole).");
  static final ConfigKey<ZoneId> TIME_ZONE =
      ConfigKey.of(
          "policy.plans.timeZone",
          new ValueTypes.Scalar<>("a time zone such as Europe/Kyiv", ZoneId::of),
          "Europe/Kyiv",
          "Where the free plan's calendar month begins and ends.");
  static final ConfigKey<String> CURRENCY =
      ConfigKey.of(
          "policy.plans.currency",
          matching(Pattern.compile("[A-Z]{3}"), "an ISO 4217 code such as UAH"),
          "UAH",
          "Currency of package prices, balances and top-ups.");
  static final ConfigKey<List<PlanPackage>> PACKAGES =
      ConfigKey.of(
          "policy.plans.packages",
          new RecordList<>(
              "a list of packages, each a mapping with name, messages, subscribers and price",
              NAME,
              List.of(NAME, MESSAGES, SUBSCRIBERS, PRICE),
              f -> new PlanPackage(f.get(NAME), f.get(MESSAGES), f.get(SUBSCRIBERS), f.get(PRICE))),
          "",
          "The paid packages, each for 30 days; see the fields below. Empty: only the free plan.");

  static final List<ConfigKey<?>> KEYS =
      List.of(FREE_MESSAGES, FREE_SUBSCRIBERS, TIME_ZONE, CURRENCY, PACKAGES);

  static PlanConfig assemble(ConfigSchema.Values v) {
    return new PlanConfig(
        v.get(FREE_MESSAGES),
        v.get(FREE_SUBSCRIBERS),
        v.get(TIME_ZONE),
        v.get(CURRENCY),
        v.get(PACKAGES));
  }

  /** "199.50" → 19950; more than two decimals or a negative amount is not a price. */
  private static long minorUnits(String text) {
    try {
      BigDecimal amount = new BigDecimal(text);
      if (amount.signum() < 0 || amount.scale() > 2) {
        throw new IllegalArgumentException("not a price: " + text);
      }
      return amount.movePointRight(2).longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("not a price: " + text, e);
    }
  }
}
