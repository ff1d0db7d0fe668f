package io.herald.channel.sms;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Quiet hours for marketing SMS: no message between {@code start} (inclusive) and {@code end}
 * (exclusive) in the recipient's local time, 21:00–09:00 by default; a window whose start is after
 * its end crosses midnight, and equal times mean no quiet hours. The recipient's time zone comes
 * from the phone number alone (libphonenumber's {@link PhoneNumberToTimeZonesMapper}: an area code
 * where the number plan has them, else the whole country's zones). A number of several zones is
 * judged by the most conservative rule: quiet while any of its zones is in quiet hours, and it
 * waits until every zone is out. Where its zones never share a minute of daytime (possible only
 * with a narrow configured window), it waits instead for the earliest time at which the fewest of
 * them are quiet, so that nothing waits forever. A number with no zone at all (international
 * networks such as +882, or no valid number) is judged in UTC: it cannot be placed, and UTC is the
 * one zone whose choice needs no guess. Pure, immutable and thread-safe.
 */
public final class QuietHours {
  private static final LocalTime DEFAULT_START = LocalTime.of(21, 0);
  private static final LocalTime DEFAULT_END = LocalTime.of(9, 0);
  private static final List<ZoneId> UNKNOWN = List.of(ZoneOffset.UTC);
  // A day and the hour a clock change adds: every state a day can have is seen within it.
  private static final Duration HORIZON = Duration.ofHours(25);

  private final LocalTime start;
  private final LocalTime end;

  public QuietHours(LocalTime start, LocalTime end) {
    this.start = Objects.requireNonNull(start, "start");
    this.end = Objects.requireNonNull(end, "end");
  }

  /** 21:00 to 09:00. */
  public static QuietHours defaults() {
    return new QuietHours(DEFAULT_START, DEFAULT_END);
  }

  public LocalTime start() {
    return start;
  }

  public LocalTime end() {
    return end;
  }

  /**
   * When a message to {@code e164} may go, if not now: empty when it may go at {@code now},
   * otherwise the first instant at which it may.
   */
  public Optional<Instant> waitUntil(String e164, Instant now) {
    if (start.equals(end)) {
      return Optional.empty();
    }
    List<ZoneId> zones = zonesOf(e164);
    // The number of zones in quiet hours changes only at a zone's start, end or clock change:
    // count it at now and at each of those instants, and take the first where it is lowest.
    Instant best = now;
    int fewest = quietZones(zones, now);
    for (Instant change : changes(zones, now)) {
      if (fewest == 0) {
        break;
      }
      int quiet = quietZones(zones, change);
      if (quiet < fewest) {
        fewest = quiet;
        best = change;
      }
    }
    return best.equals(now) ? Optional.empty() : Optional.of(best);
  }

  private int quietZones(List<ZoneId> zones, Instant at) {
    int quiet = 0;
    for (ZoneId zone : zones) {
      if (isQuiet(at.atZone(zone).toLocalTime())) {
        quiet++;
      }
    }
    return quiet;
  }

  private boolean isQuiet(LocalTime local) {
    return start.isBefore(end)
        ? !local.isBefore(start) && local.isBefore(end)
        : !local.isBefore(start) || local.isBefore(end);
  }

  /** Every instant after {@code now}, within the horizon, at which a zone may change state. */
  private TreeSet<Instant> changes(List<ZoneId> zones, Instant now) {
    Instant last = now.plus(HORIZON);
    TreeSet<Instant> changes = new TreeSet<>();
    for (ZoneId zone : zones) {
      LocalDate today = now.atZone(zone).toLocalDate();
      for (LocalDate day = today.minusDays(1);
          !day.isAfter(today.plusDays(2));
          day = day.plusDays(1)) {
        for (LocalTime edge : List.of(start, end)) {
          // A time that a clock change repeats happens twice; one that it skips, never (the
          // clock change itself is then the edge).
          ZonedDateTime first = ZonedDateTime.of(day, edge, zone);
          changes.add(first.withEarlierOffsetAtOverlap().toInstant());
          changes.add(first.withLaterOffsetAtOverlap().toInstant());
        }
      }
      for (ZoneOffsetTransition t = zone.getRules().nextTransition(now);
          t != null && t.getInstant().isBefore(last);
          t = zone.getRules().nextTransition(t.getInstant())) {
        changes.add(t.getInstant());
      }
    }
    return new TreeSet<>(changes.subSet(now, false, last, true));
  }

  private static List<ZoneId> zonesOf(String e164) {
    List<String> ids;
    try {
      ids =
          PhoneNumberToTimeZonesMapper.getInstance()
              .getTimeZonesForNumber(PhoneNumberUtil.getInstance().parse(e164, "ZZ"));
    } catch (NumberParseException e) {
      return UNKNOWN;
    }
    List<ZoneId> zones = new ArrayList<>();
    for (String id : ids) {
      try {
        zones.add(ZoneId.of(id));
      } catch (DateTimeException unknownToTheJdk) { // Etc/Unknown, or a zone this JDK lacks
      }
    }
    return zones.isEmpty() ? UNKNOWN : zones;
  }
}
