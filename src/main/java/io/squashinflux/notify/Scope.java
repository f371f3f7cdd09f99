package io.squashinflux.notify;

import io.squashinflux.detect.Finding;
import io.squashinflux.failure.UserError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Which findings a run looked at: its measurements (all when empty) and changes at or after
 * {@code since} (ns). Only a finding inside the scope that the run no longer finds has
 * disappeared; one outside it was simply not looked at, and is kept.
 */
public record Scope(List<String> measurements, long since) {
  public static final Scope ALL = new Scope(List.of(), Long.MIN_VALUE);

  public Scope {
    measurements = List.copyOf(measurements);
  }

  public boolean covers(String metric, long at) {
    if (at < since) {
      return false;
    }
    int dot = metric.indexOf('.');
    return measurements.isEmpty() || dot > 0 && measurements.contains(metric.substring(0, dot));
  }

  /**
   * The first change time (ns) of {@code --since}: a date, an instant, or a duration back from
   * now ({@code 7d}, or what {@code durations} reads); {@code Long.MIN_VALUE} for null.
   */
  public static long since(String since, Clock clock, Function<String, Duration> durations) {
    if (since == null) {
      return Long.MIN_VALUE;
    }
    String text = since.trim();
    Instant at;
    try {
      if (text.matches("\\d{4}-\\d{2}-\\d{2}")) {
        at = LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      } else if (text.contains("T")) {
        at = Instant.parse(text);
      } else if (text.toLowerCase(Locale.ROOT).endsWith("d")) {
        long days = Long.parseLong(text.substring(0, text.length() - 1));
        at = clock.instant().minus(Duration.ofDays(days));
      } else {
        at = clock.instant().minus(durations.apply(text));
      }
    } catch (RuntimeException e) { // not a time, not a number, not a duration
      throw new UserError("--since " + since + ": neither a time (2024-05-01,"
          + " 2024-05-01T12:00:00Z) nor a duration (24h, 7d)");
    }
    return at.getEpochSecond() * 1_000_000_000L + at.getNano();
  }

  public boolean covers(Finding f) {
    return covers(f.metric(), f.at());
  }
}
