package io.squashinflux.mapping;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * ISO 8601 times as SQuaSH and lsst.verify write them, to nanoseconds since the epoch: {@code Z} or
 * an offset ({@code +00:00}, {@code +0000}), up to nine fraction digits, {@code T} or a blank
 * between date and time. A time without an offset is UTC, as SQuaSH's own times are.
 */
final class Times {
  private Times() {}

  private static final DateTimeFormatter ISO =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart().appendLiteral('T').optionalEnd()
          .optionalStart().appendLiteral(' ').optionalEnd()
          .append(DateTimeFormatter.ISO_LOCAL_TIME)
          .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
          .optionalStart().appendOffset("+HHmm", "Z").optionalEnd()
          .toFormatter();

  /** Nanoseconds since the epoch, or null when the text is not an ISO 8601 time InfluxDB can hold. */
  static Long nanos(String text) {
    if (text == null) {
      return null;
    }
    long fast = utcSeconds(text);
    if (fast != NOT_FAST) {
      return fast * 1_000_000_000L;
    }
    try {
      TemporalAccessor parsed = ISO.parse(text.strip());
      ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS)
          ? ZoneOffset.from(parsed)
          : ZoneOffset.UTC;
      Instant instant = LocalDateTime.from(parsed).toInstant(offset);
      return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L),
          instant.getNano());
    } catch (DateTimeException | ArithmeticException e) {
      return null;
    }
  }

  private static final long NOT_FAST = Long.MIN_VALUE;

  /**
   * SQuaSH's own {@code date_created} form, {@code 2019-03-29T18:44:45Z}, read without the
   * formatter (which was a tenth of a sync's CPU); anything else, including years whose
   * nanoseconds may not fit a long, gives {@link #NOT_FAST}.
   */
  static long utcSeconds(String text) {
    if (text.length() != 20 || text.charAt(4) != '-' || text.charAt(7) != '-'
        || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
        || text.charAt(19) != 'Z') {
      return NOT_FAST;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    if (year < 1678 || year > 2261 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0
        || minute > 59 || second < 0 || second > 59
        || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
      return NOT_FAST;
    }
    return java.time.LocalDate.of(year, month, day).toEpochDay() * 86_400L
        + hour * 3_600L + minute * 60L + second;
  }

  /** The decimal number in {@code text[from, from + count)}, or -1 when a char is no digit. */
  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
