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
    long fast = fastNanos(text);
    if (fast != NOT_FAST) {
      return fast;
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
   * The forms SQuaSH and lsst.verify write, {@code 2019-03-29T18:44:45Z} and
   * {@code 2018-07-30T18:25:52.410342+00:00}, read without the formatter (which was a tenth of a
   * sync's CPU): nanoseconds, or {@link #NOT_FAST} for anything else, including impossible dates
   * and years whose nanoseconds may not fit a long, which the full parser then decides.
   */
  static long fastNanos(String text) {
    int length = text.length();
    if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
        || text.charAt(13) != ':' || text.charAt(16) != ':') {
      return NOT_FAST;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    if (year < 1678 || year > 2261 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23
        || minute < 0 || minute > 59 || second < 0 || second > 59
        || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
      return NOT_FAST;
    }
    int at = 19;
    long fraction = 0;
    if (text.charAt(at) == '.') {
      int first = ++at;
      while (at < length && at - first < 9 && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
        fraction = fraction * 10 + (text.charAt(at++) - '0');
      }
      if (at == first) {
        return NOT_FAST;
      }
      for (int i = at - first; i < 9; i++) {
        fraction *= 10;
      }
    }
    int offsetSeconds;
    if (at == length - 1 && text.charAt(at) == 'Z') {
      offsetSeconds = 0;
    } else if (at == length - 6 && (text.charAt(at) == '+' || text.charAt(at) == '-')
        && text.charAt(at + 3) == ':') {
      int offsetHours = digits(text, at + 1, 2);
      int offsetMinutes = digits(text, at + 4, 2);
      if (offsetHours < 0 || offsetHours > 18 || offsetMinutes < 0 || offsetMinutes > 59) {
        return NOT_FAST;
      }
      offsetSeconds = (text.charAt(at) == '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
    } else {
      return NOT_FAST;
    }
    long seconds = java.time.LocalDate.of(year, month, day).toEpochDay() * 86_400L
        + hour * 3_600L + minute * 60L + second - offsetSeconds;
    return seconds * 1_000_000_000L + fraction;
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
