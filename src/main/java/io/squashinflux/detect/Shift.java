package io.squashinflux.detect;

import java.util.OptionalDouble;

/**
 * A sustained change of level found in a series.
 *
 * @param index the first point at the new level
 * @param before the median of the points compared before it
 * @param after the median of the points compared from it on
 * @param score how many standard errors the two sides differ by
 * @param evidence how sure and how big
 */
public record Shift(int index, double before, double after, double score, Evidence evidence) {

  /** The relative change, as {@link #relative(double, double)}. */
  public OptionalDouble change() {
    return relative(before, after);
  }

  /**
   * The change relative to the level before, {@code (after - before) / |before|}; empty when the
   * level before is zero, where no ratio says how large the change is.
   */
  public static OptionalDouble relative(double before, double after) {
    return before == 0 || !Double.isFinite(before) ? OptionalDouble.empty()
        : OptionalDouble.of((after - before) / Math.abs(before));
  }
}
