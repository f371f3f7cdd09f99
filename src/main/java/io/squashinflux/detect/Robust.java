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
    if (to - from < 3) {
      return 0;
    }
    double[] diffs = new double[to - from - 1];
    for (int i = from + 1; i < to; i++) {
      diffs[i - from - 1] = values[i] - values[i - 1];
    }
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
    return Math.max(mad, rms) / Math.sqrt(2);
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
