package io.squashinflux.detect;

import java.util.Locale;

/**
 * How sure a shift is and how big, in its series' own terms: what the page, the JSON and the
 * summary print beside a finding.
 *
 * @param pValue the probability that noise alone would show a shift this clear anywhere in the
 *     series (corrected for every place searched); 0 where the series has no noise to judge by
 * @param sigmas the change of level in standard deviations of the series' noise (for a series that
 *     moves in steps, of its typical step); NaN where the series has no noise to judge by
 * @param before the points compared before the shift
 * @param after the points compared from the shift on
 */
public record Evidence(double pValue, double sigmas, Side before, Side after) {

  /**
   * How sure and how big, in words the page and the summary share: {@code p = 3e-05, +4.2 sd of
   * noise} or, for a series with no noise, {@code exact step (no noise)}.
   */
  public String sureness() {
    String p = pValue == 0 ? "exact step (no noise)"
        : pValue < 1e-6 ? "p < 1e-6" : String.format(Locale.ROOT, "p = %.1g", pValue);
    return Double.isNaN(sigmas) ? p : p + String.format(Locale.ROOT, ", %+.1f sd of noise", sigmas);
  }

  /** The two sides in words: {@code 40 points 12.1 ± 0.3 before, 30 points 14.2 ± 0.4 after}. */
  public String sides() {
    return before.describe() + " before, " + after.describe() + " after";
  }

  /**
   * Points on one side of a shift.
   *
   * @param points how many
   * @param mean their mean
   * @param spread their median absolute deviation, scaled to a standard deviation
   */
  public record Side(int points, double mean, double spread) {

    String describe() {
      return String.format(Locale.ROOT, "%d points %.4g ± %.2g", points, mean, spread);
    }

    static Side of(double[] values, int from, int to) {
      return new Side(to - from, Robust.mean(values, from, to), Robust.spread(values, from, to));
    }
  }
}
