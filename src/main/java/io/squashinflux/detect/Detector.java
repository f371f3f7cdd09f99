package io.squashinflux.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds sustained shifts of level in a series, and not outliers, slow drifts or noise.
 *
 * <p>At each candidate point the median of up to {@code maxWindow} points before it is compared
 * with the median of as many points from it on (at least {@code window} each side). The noise is
 * the MAD of first differences over the {@code NOISE_SPAN} windows around the point (the whole
 * series when shorter); the difference of two medians of w points each has a standard error of
 * {@code noise * sqrt(pi / w)}. The best candidate of a segment is kept when it stands
 * {@code threshold} standard errors out (more in a long segment: {@link #threshold(int)}) and
 * changes the level by {@code minChange} at least;
 * its place is then set to the split with the lowest L1 cost nearby, and both halves are searched
 * again (binary segmentation). Medians ignore a single outlier; a drift moves two neighbouring
 * windows by little, which {@code minChange} turns away. Pure: no I/O, no clock.
 */
public final class Detector {
  /** How many windows of points the local noise is estimated over: enough for a steady figure. */
  private static final int NOISE_SPAN = 8;

  private final DetectorSettings settings;

  public Detector(DetectorSettings settings) {
    this.settings = settings;
  }

  /** The shifts of {@code values} (in time order, no NaN), in order. */
  public List<Shift> detect(double[] values) {
    double[] noise = localNoise(values);
    List<Integer> splits = new ArrayList<>();
    search(values, 0, values.length, noise, splits);
    splits.sort(null);
    List<Shift> shifts = new ArrayList<>();
    for (int k = 0; k < splits.size(); k++) {
      int lo = k == 0 ? 0 : splits.get(k - 1);
      int hi = k == splits.size() - 1 ? values.length : splits.get(k + 1);
      int at = splits.get(k);
      Shift s = measure(values, lo, at, hi, noise);
      if (s != null) {
        shifts.add(s);
      }
    }
    return shifts;
  }

  private void search(double[] values, int lo, int hi, double[] noise, List<Integer> splits) {
    int w = settings.window();
    Shift best = null;
    for (int i = lo + w; i <= hi - w; i++) {
      Shift s = measure(values, lo, i, hi, noise);
      if (s != null && (best == null || s.score() > best.score())) {
        best = s;
      }
    }
    if (best == null) {
      return;
    }
    int at = refine(values, lo, best.index(), hi);
    splits.add(at);
    search(values, lo, at, noise, splits);
    search(values, at, hi, noise, splits);
  }

  /** The shift at {@code at} within {@code [lo, hi)}, or null when it is not one. */
  private Shift measure(double[] values, int lo, int at, int hi, double[] noise) {
    int w = Math.min(settings.maxWindow(), Math.min(at - lo, hi - at));
    if (w < settings.window()) {
      return null;
    }
    double before = Robust.median(values, at - w, at);
    double after = Robust.median(values, at, at + w);
    double delta = Math.abs(after - before);
    double error = noise[at] * Math.sqrt(Math.PI / w);
    double score = error > 0 ? delta / error : delta > 0 ? Double.POSITIVE_INFINITY : 0;
    boolean big = before == 0 ? delta > 0 : delta / Math.abs(before) >= settings.minChange();
    if (score < threshold(hi - lo) || !big || drifting(values, at, w)) {
      return null;
    }
    return new Shift(at, before, after, score);
  }

  /**
   * The score a shift needs in a segment of {@code length} points. A segment offers one chance
   * per window for noise to line up, so a fixed bar lets long series raise more false alarms:
   * keeping {@code chances * exp(-z^2 / 2)} at its value for two windows gives this bar.
   */
  double threshold(int length) {
    double chances = (double) length / (2 * settings.maxWindow());
    double z = settings.threshold();
    return chances <= 1 ? z : Math.sqrt(z * z + 2 * Math.log(chances));
  }

  /**
   * The noise around each point, from the {@code NOISE_SPAN} windows centred on it: noise often
   * grows with the level (a relative scatter), so one figure for a long series that drifts is too
   * low at one end. Computed every quarter window, the points in between take the nearest one.
   */
  private double[] localNoise(double[] values) {
    int n = values.length;
    double[] out = new double[n + 1];
    int half = NOISE_SPAN * settings.maxWindow() / 2;
    if (n <= 2 * half) {
      java.util.Arrays.fill(out, Robust.noise(values));
      return out;
    }
    int stride = Math.max(1, settings.maxWindow() / 4);
    for (int c = 0; c <= n; c += stride) {
      int from = Math.max(0, Math.min(c - half, n - 2 * half));
      double local = Robust.noise(values, from, from + 2 * half);
      java.util.Arrays.fill(out, Math.max(0, c - stride / 2), Math.min(n + 1, c + stride - stride / 2), local);
    }
    return out;
  }

  /**
   * True when the two windows look like one slope rather than two levels: the jump between the
   * inner halves is not clearly larger than the change within each side (a step's sides are flat,
   * a drift's change as much inside each side as across the split).
   */
  private boolean drifting(double[] values, int at, int w) {
    int h = w / 2;
    if (h < 2) {
      return false;
    }
    double q1 = Robust.median(values, at - w, at - h);
    double q2 = Robust.median(values, at - h, at);
    double q3 = Robust.median(values, at, at + h);
    double q4 = Robust.median(values, at + h, at + w);
    double jump = Math.abs(q3 - q2);
    double sides = Math.max(Math.abs(q2 - q1), Math.abs(q4 - q3));
    return jump <= 2 * sides;
  }

  /** The split near {@code at} that leaves the two sides the most level (lowest L1 cost). */
  private int refine(double[] values, int lo, int at, int hi) {
    int w = Math.min(settings.maxWindow(), Math.min(at - lo, hi - at));
    int from = Math.max(lo + settings.window(), at - w);
    int to = Math.min(hi - settings.window(), at + w);
    int left = Math.max(lo, at - 2 * w);
    int right = Math.min(hi, at + 2 * w);
    int best = at;
    double bestCost = Double.POSITIVE_INFINITY;
    for (int i = from; i <= to; i++) {
      double cost = Robust.cost(values, left, i) + Robust.cost(values, i, right);
      if (cost < bestCost || cost == bestCost && Math.abs(i - at) < Math.abs(best - at)) {
        best = i;
        bestCost = cost;
      }
    }
    return best;
  }
}
