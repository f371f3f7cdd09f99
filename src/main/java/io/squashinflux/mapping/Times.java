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
}
