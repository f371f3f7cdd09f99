package io.squashinflux.detect;

import java.util.Arrays;

/** Robust statistics over slices of a series. */
final class Robust {
  /** MAD times this estimates a normal standard deviation. */
  static final double MAD_TO_SIGMA = 1.4826;

  private Robust() {}

  /** The median of {@code values[from..to)}; NaN for an empty slice. */
  static double median(double[] values, int from, int to) {
    if (to <= from) {
      return Double.NaN;
    }
    double[] copy = Arrays.copyOfRange(values, from, to);
    Arrays.sort(copy);
    int n = copy.length;
    return n % 2 == 1 ? copy[n / 2] : (copy[n / 2 - 1] + copy[n / 2]) / 2;
  }

  /**
   * The noise of a series: the MAD of its first differences, scaled to a standard deviation of one
   * point. Differences cancel a level (so steps and drifts barely count) and the median ignores
   * the two differences an outlier makes.
   */
  static double noise(double[] values) {
    return noise(values, 0, values.length);
  }

  /** The noise of {@code values[from..to)}, as {@link #noise(double[])}. */
  static double noise(double[] values, int from, int to) {
    return noise(values, from, to, 1);
  }

  /**
   * As {@link #noise(double[], int, int)} from the differences {@code lag} points apart: one point
   * apart they see the innovation of correlated noise only, far apart its whole spread.
   */
  static double noise(double[] values, int from, int to, int lag) {
    if (to - from < lag + 2) {
      return 0;
    }
    // A value repeated exactly (clamped at a bound, or a result that did not move) says nothing
    // about the noise of the points that do move: such differences are left out.
    double[] diffs = new double[to - from - lag];
    for (int i = from + lag; i < to; i++) {
      diffs[i - from - lag] = values[i] - values[i - lag];
    }
    return spreadOfDifferences(diffs, false);
  }

  /**
   * The standard deviation of one point of a series whose differences are {@code differences}:
   * their spread over the square root of two, differences of zero left out, outliers clipped.
   * {@code unbiased} takes the clipped rms alone: a ratio of two spreads (the correlation of
   * neighbours) needs estimates without the upward lean of the larger of two.
   */
  static double spreadOfDifferences(double[] differences, boolean unbiased) {
    double[] diffs = new double[differences.length];
    int count = 0;
    for (double d : differences) {
      if (d != 0) {
        diffs[count++] = d;
      }
    }
    if (count < 2) {
      return 0;
    }
    diffs = Arrays.copyOf(diffs, count);
    double center = median(diffs, 0, diffs.length);
    double[] deviations = new double[diffs.length];
    for (int i = 0; i < diffs.length; i++) {
      deviations[i] = Math.abs(diffs[i] - center);
    }
    double mad = median(deviations, 0, deviations.length) * MAD_TO_SIGMA;
    // The MAD wanders by a sixth on 50 points; the rms of the differences clipped at 3 MADs is
    // steadier and still blind to outliers. The larger of the two keeps false alarms rare.
    double clip = 3 * mad;
    double sum = 0;
    for (double d : diffs) {
      double c = Math.max(-clip, Math.min(clip, d - center));
      sum += c * c;
    }
    double rms = Math.sqrt(sum / diffs.length);
    return (unbiased ? rms : Math.max(mad, rms)) / Math.sqrt(2);
  }

  /** The median absolute deviation of {@code values[from..to)} from their median, as a standard deviation. */
  static double spread(double[] values, int from, int to) {
    double m = median(values, from, to);
    double[] deviations = new double[to - from];
    for (int i = from; i < to; i++) {
      deviations[i - from] = Math.abs(values[i] - m);
    }
    return median(deviations, 0, deviations.length) * MAD_TO_SIGMA;
  }

  /** The mean of {@code values[from..to)}. */
  static double mean(double[] values, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += values[i];
    }
    return sum / (to - from);
  }

  /** The running median over {@code 2 * half + 1} points, fewer at either end. */
  static double[] runningMedian(double[] values, int half) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = median(values, Math.max(0, i - half), Math.min(values.length, i + half + 1));
    }
    return out;
  }

  /**
   * The probability that a standard normal exceeds {@code |z|} in either direction, to a relative
   * error of 1.2e-7 (the Chebyshev fit of erfc in Numerical Recipes): enough for a p-value.
   */
  static double twoSidedTail(double z) {
    double x = Math.abs(z) / Math.sqrt(2);
    double t = 1 / (1 + 0.5 * x);
    double poly = -x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
        + t * (-0.82215223 + t * 0.17087277))))))));
    return Math.min(1, t * Math.exp(poly));
  }

  /** The sum of absolute deviations of {@code values[from..to)} from their median: an L1 cost. */
  static double cost(double[] values, int from, int to) {
    double m = median(values, from, to);
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += Math.abs(values[i] - m);
    }
    return sum;
  }
}
