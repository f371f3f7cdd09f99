package io.squashinflux.source;

import java.util.Objects;

/**
 * One metric value of a job.
 *
 * @param metric the full metric name, e.g. {@code validate_drp.PA1}
 * @param value the value as a double, or null when the document holds {@code null}, no value or
 *     something that is not a number; NaN and infinities are kept as such
 * @param literal the value as the document wrote it ({@code "12.30"}, {@code "NaN"}, {@code "null"},
 *     {@code "\"abc\""}), so the mapping can report a value that a double does not hold exactly
 * @param unit the unit, or null
 */
public record Measurement(String metric, Double value, String literal, String unit) {
  public Measurement {
    Objects.requireNonNull(metric, "metric == null");
    Objects.requireNonNull(literal, "literal == null");
  }
}
