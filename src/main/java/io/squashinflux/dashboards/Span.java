package io.squashinflux.dashboards;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The time a board opens on: its data's first and last point, widened by a margin so the first
 * and last points are not drawn on the frame (a twentieth of the span, at least a day), and cut
 * to whole seconds.
 */
record Span(Instant first, Instant last) {
  static final Duration LEAST_MARGIN = Duration.ofDays(1);

  Span {
    Objects.requireNonNull(first, "first == null");
    Objects.requireNonNull(last, "last == null");
    if (last.isBefore(first)) {
      throw new IllegalArgumentException("last before first: " + first + " > " + last);
    }
  }

  private Duration margin() {
    Duration twentieth = Duration.between(first, last).dividedBy(20);
    return twentieth.compareTo(LEAST_MARGIN) > 0 ? twentieth : LEAST_MARGIN;
  }

  Instant from() {
    return first.minus(margin()).truncatedTo(ChronoUnit.SECONDS);
  }

  Instant to() {
    return last.plus(margin()).plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
  }

  /**
   * What to add to a Chronograf dashboard's address to open it on this span: its file cannot hold
   * a time range, and Chronograf reads an absolute one from the {@code lower} and {@code upper}
   * query parameters (else it shows the range last used in that browser, or the last hour).
   */
  String chronografQuery() {
    return "?lower=" + from() + "&upper=" + to();
  }

  /** The span covering both. */
  Span plus(Span other) {
    return other == null ? this : new Span(first.isBefore(other.first) ? first : other.first,
        last.isAfter(other.last) ? last : other.last);
  }
}
