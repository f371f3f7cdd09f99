package io.squashinflux.detect;

/**
 * A sustained change of level found in a series.
 *
 * @param index the first point at the new level
 * @param before the median of up to maxWindow points before it (within its segment)
 * @param after the median of up to maxWindow points from it on (within its segment)
 * @param score how many standard errors the two medians differ by
 */
public record Shift(int index, double before, double after, double score) {

  /** The relative change, {@code (after - before) / |before|}. */
  public double change() {
    return before == 0 ? Double.POSITIVE_INFINITY * Math.signum(after) : (after - before) / Math.abs(before);
  }
}
