package io.squashinflux.detect;

import java.util.Arrays;
import java.util.List;

/**
 * The noise a series actually has, the yardstick its shifts are judged by.
 *
 * <p>Outliers and heavy tails are first pulled in to three robust standard deviations of a running
 * median ({@link #values}); what follows is measured on that. The spread comes from differences
 * {@code lag} points apart, which cancel a level and see all of the noise even when it is
 * correlated; comparing it with the spread of differences one point apart gives the correlation
 * of neighbours, and from it how much more a mean of many points wanders than independent noise
 * would ({@link #factor}). The spread is local (noise often grows with the level, or a stretch of
 * runs is noisier); the correlation is one figure for the series.
 *
 * @param values the series with its outliers pulled in
 * @param sigma the noise's standard deviation around each point
 * @param factor the variance of a long mean relative to independent noise of the same spread
 * @param lag how far apart the differences the spread is measured from are
 */
record Noise(double[] values, double[] sigma, double factor, int lag) {
  /** Half the running median that outliers are measured from. */
  private static final int HALF = 5;
  /** How far apart the differences that see all of correlated noise are. */
  private static final int LAG = 10;
  /** The strongest neighbour correlation believed: beyond it a series wanders like a drift. */
  private static final double MAX_RHO = 0.9;

  static Noise of(double[] x, int span) {
    int n = x.length;
    double[] level = Robust.runningMedian(x, HALF);
    double[] residual = new double[n];
    for (int i = 0; i < n; i++) {
      residual[i] = x[i] - level[i];
    }
    double[] clip = local(residual, span, (v, from, to) -> 3 * Robust.spread(v, from, to));
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = level[i] + Math.max(-clip[i], Math.min(clip[i], residual[i]));
    }
    // In a long series a shift's share of the far differences is small and the second measure
    // (within the levels found) takes it out; in a short one it can hide the shift itself.
    return of(y, span, n < 20 * LAG ? List.of(split(y)) : List.of());
  }

  /**
   * The one split that leaves the two sides the most level: where a series' largest shift most
   * likely is, so that its differences stay out of the correlation from the start.
   */
  private static int split(double[] y) {
    int n = y.length;
    double[] sums = new double[n + 1];
    for (int i = 0; i < n; i++) {
      sums[i + 1] = sums[i] + (y[i] - y[0]);
    }
    int best = n / 2;
    double most = -1;
    for (int i = 1; i < n; i++) {
      // Of the splits, the one whose two means lie furthest apart in standard errors of a
      // single level: the sum of squares it takes away.
      double d = sums[i] / i - (sums[n] - sums[i]) / (n - i);
      double gain = d * d * i * (n - i) / n;
      if (gain > most) {
        most = gain;
        best = i;
      }
    }
    return best;
  }

  /**
   * The noise of {@code y} (outliers already pulled in) with the differences across {@code cuts}
   * left out: a shift adds to the differences far apart that straddle it, and would pass for
   * correlation of the noise.
   */
  private static Noise of(double[] y, int span, List<Integer> cuts) {
    int n = y.length;
    int lag = Math.max(2, Math.min(LAG, n / 20));
    double one = Robust.spreadOfDifferences(differences(y, 1, cuts), true);
    double far = Robust.spreadOfDifferences(differences(y, lag, cuts), true);
    double ratio = far > 0 ? 1 - one * one / (far * far) : 0;
    double rho = Math.max(0, Math.min(MAX_RHO, ratio));
    double[] sigma = local(y, span, (v, from, to) -> Robust.noise(v, from, to, lag));
    return new Noise(y, sigma, (1 + rho) / (1 - rho), lag);
  }

  /** The correlation of neighbouring points that {@link #factor} stands for (AR(1) noise). */
  double rho() {
    return (factor - 1) / (factor + 1);
  }

  /** This noise measured again with the differences across {@code cuts} left out. */
  Noise without(List<Integer> cuts, int span) {
    return of(values, span, cuts);
  }

  /** The differences {@code lag} apart of {@code y}, but those across a cut. */
  private static double[] differences(double[] y, int lag, List<Integer> cuts) {
    double[] out = new double[Math.max(0, y.length - lag)];
    int count = 0;
    int next = 0;
    for (int i = lag; i < y.length; i++) {
      while (next < cuts.size() && cuts.get(next) <= i - lag) {
        next++;
      }
      if (next < cuts.size() && cuts.get(next) <= i) {
        continue;
      }
      out[count++] = y[i] - y[i - lag];
    }
    return Arrays.copyOf(out, count);
  }

  /** The noise's standard deviation over {@code [from, to)}, from the differences {@link #lag} apart. */
  double sideNoise(int from, int to) {
    return Robust.noise(values, from, to, lag);
  }

  private interface Scale {
    double of(double[] values, int from, int to);
  }

  /**
   * The scale of the {@code span} points around each point (the whole series when shorter),
   * computed every eighth of a span; the points in between take the nearest figure.
   */
  private static double[] local(double[] values, int span, Scale scale) {
    int n = values.length;
    double[] out = new double[n];
    if (n <= span) {
      Arrays.fill(out, scale.of(values, 0, n));
      return out;
    }
    int stride = Math.max(1, span / 8);
    for (int c = 0; c < n; c += stride) {
      int from = Math.max(0, Math.min(c - span / 2, n - span));
      double s = scale.of(values, from, from + span);
      int to = c + stride >= n ? n : c + stride - stride / 2;
      Arrays.fill(out, Math.max(0, c - stride / 2), to, s);
    }
    return out;
  }
}
