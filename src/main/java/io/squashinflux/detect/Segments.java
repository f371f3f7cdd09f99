package io.squashinflux.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Candidate shifts of one noisy series tested against their neighbours: the merge half of split
 * and merge. The sides of a cut are the points up to {@code maxWindow} away within the segments
 * between its neighbouring cuts.
 */
final class Segments {
  /**
   * How many standard errors a step must stand out by beyond a straight line fitted with it,
   * to pass on that alone: a drift lined up with noise rarely reaches it.
   */
  private static final double BEYOND_LINE = 4;
  /**
   * Short of {@link #BEYOND_LINE}, a step still passes when it stands this far beyond the line,
   * its false-alarm probability is {@link #CLEAR} times the one asked for, and the step model
   * beats the line model by {@link #MARGIN} in BIC (a short series, where a step in its middle
   * and a line are hard to tell apart by the first test alone).
   */
  private static final double NEAR_LINE = 3;
  private static final double CLEAR = 0.001;
  /**
   * The fewest points, in windows, on each side for the second test: fewer, and the noise
   * measured there wanders too much to take a BIC difference at its word.
   */
  private static final int STEADY = 4;
  /** Positive to strong evidence, in BIC units, on top of paying for where the step is. */
  private static final double MARGIN = 4;

  private final double[] x;
  private final double[] y;
  private final Noise noise;
  private final DetectorSettings settings;
  private final double[] sums;
  private final double[] squares;
  /** Prefix sums of {@code i * y[i]}, for the line through a segment. */
  private final double[] weighted;
  private final double middle;
  private final boolean bounded;

  Segments(double[] values, Noise noise, DetectorSettings settings, boolean bounded) {
    this.bounded = bounded;
    this.x = values;
    this.y = noise.values();
    this.noise = noise;
    this.settings = settings;
    this.sums = new double[y.length + 1];
    this.squares = new double[y.length + 1];
    this.weighted = new double[y.length + 1];
    // Sums of squares taken about the middle level keep their precision on large values.
    this.middle = Robust.median(y, 0, y.length);
    for (int i = 0; i < y.length; i++) {
      double v = y[i] - middle;
      sums[i + 1] = sums[i] + v;
      squares[i + 1] = squares[i] + v * v;
      weighted[i + 1] = weighted[i] + i * v;
    }
  }

  /**
   * Removes the weakest cut that fails (the fewest standard errors) until every cut left passes.
   * Removing a cut changes the sides of its two neighbours only: only theirs are judged again.
   */
  void prune(List<Integer> cuts) {
    List<Verdict> verdicts = new ArrayList<>();
    for (int k = 0; k < cuts.size(); k++) {
      verdicts.add(verdict(cuts, k));
    }
    while (true) {
      int worst = -1;
      for (int k = 0; k < cuts.size(); k++) {
        Verdict v = verdicts.get(k);
        if (!v.passes() && (worst < 0 || Math.abs(v.z()) < Math.abs(verdicts.get(worst).z()))) {
          worst = k;
        }
      }
      if (worst < 0) {
        return;
      }
      cuts.remove(worst);
      verdicts.remove(worst);
      for (int k = Math.max(0, worst - 1); k <= Math.min(cuts.size() - 1, worst); k++) {
        verdicts.set(k, verdict(cuts, k));
      }
    }
  }

  /**
   * Moves each cut to the split between its neighbours that leaves its two sides the most level:
   * a long moving sum sees a small shift but places it loosely.
   */
  void refine(List<Integer> cuts) {
    int w = settings.window();
    for (int k = 0; k < cuts.size(); k++) {
      int at = cuts.get(k);
      int from = from(cuts, k);
      int to = to(cuts, k);
      int best = at;
      double bestCost = Double.POSITIVE_INFINITY;
      for (int i = from + w; i <= to - w; i++) {
        double cost = cost(from, i) + cost(i, to);
        if (cost < bestCost || cost == bestCost && Math.abs(i - at) < Math.abs(best - at)) {
          best = i;
          bestCost = cost;
        }
      }
      cuts.set(k, best);
    }
  }

  /** The shift at cut {@code k}, or null when it does not pass. */
  Shift test(List<Integer> cuts, int k) {
    Verdict v = verdict(cuts, k);
    if (!v.passes()) {
      return null;
    }
    int at = cuts.get(k);
    int from = from(cuts, k);
    int to = to(cuts, k);
    double before = Robust.median(x, from, at);
    double after = Robust.median(x, at, to);
    double sigma = sigma(at);
    double sigmas = sigma > 0 ? (after - before) / sigma : Double.NaN;
    return new Shift(at, before, after, Math.abs(v.z()), new Evidence(v.p(), sigmas,
        Evidence.Side.of(x, from, at), Evidence.Side.of(x, at, to)));
  }

  private record Verdict(double z, double p, boolean passes) {}

  private Verdict verdict(List<Integer> cuts, int k) {
    int at = cuts.get(k);
    int from = from(cuts, k);
    int to = to(cuts, k);
    int left = at - from;
    int right = to - at;
    double delta = mean(at, to) - mean(from, at);
    double sigma = sigma(at);
    if (left < settings.window() || right < settings.window()) {
      // Too short to hold a level; of two cuts close together, the one that separates less goes.
      double z = sigma > 0 ? delta / (sigma * Math.sqrt(1.0 / left + 1.0 / right)) : 0;
      return new Verdict(z, 1, false);
    }
    double before = Robust.median(x, from, at);
    double change = Shift.relative(before, Robust.median(x, at, to)).orElse(Double.POSITIVE_INFINITY);
    boolean large = Math.abs(change) >= settings.minChange();
    if (!(sigma > 0)) {
      // No noise to judge by: a change must be large enough to matter.
      return new Verdict(Double.POSITIVE_INFINITY, 0, delta != 0 && large);
    }
    if (bounded && !large) {
      return new Verdict(0, 1, false);
    }
    double z = delta / (sigma * Math.sqrt(noise.factor() * (1.0 / left + 1.0 / right)));
    double places = (double) x.length / settings.window();
    double p = Math.min(1, places * Robust.twoSidedTail(z));
    // The line is fitted between the neighbouring cuts: the longer it is, the less a slope and a
    // step can pass for each other.
    int lo = k == 0 ? 0 : cuts.get(k - 1);
    int hi = k == cuts.size() - 1 ? x.length : cuts.get(k + 1);
    StepAndLine fit = fit(lo, at, hi, sigma);
    boolean step = Math.abs(fit.step()) >= BEYOND_LINE
        || p <= settings.falseAlarm() * CLEAR && Math.abs(fit.step()) >= NEAR_LINE
        && Math.min(at - lo, hi - at) >= STEADY * settings.window()
        && fit.stepOverLine(z, Math.log(hi - lo)) >= MARGIN;
    return new Verdict(z, p, p <= settings.falseAlarm() && Math.signum(fit.step()) == Math.signum(z)
        && step && holds(from, at, to));
  }

  /**
   * True when, on each side, {@code window} points and more than half of the others are nearer
   * their own side's level than the other's, in the values and with outliers pulled in: a few points far
   * out (an excursion) cannot pass for a level that holds.
   */
  private boolean holds(int from, int at, int to) {
    return holds(x, from, at, to) && holds(y, from, at, to);
  }

  private boolean holds(double[] v, int from, int at, int to) {
    double left = Robust.median(v, from, at);
    double right = Robust.median(v, at, to);
    double mid = (left + right) / 2;
    double up = Math.signum(right - left);
    int before = 0;
    int after = 0;
    for (int i = from; i < to; i++) {
      double side = (v[i] - mid) * up;
      before += i < at && side < 0 ? 1 : 0;
      after += i >= at && side > 0 ? 1 : 0;
    }
    int w = settings.window();
    return 2 * before >= at - from + w && 2 * after >= to - at + w;
  }

  /**
   * A step at {@code at} and a line fitted together over {@code [from, to)} in the noise's
   * correlation, as {@link StepAndLine}: {@code sigma} is the spread of one point, its innovations'
   * is smaller by {@code sqrt(1 - rho^2)}.
   */
  private StepAndLine fit(int from, int at, int to, double sigma) {
    double phi = noise.rho();
    return StepAndLine.of(sums, weighted, from, at, to, phi, sigma * Math.sqrt(1 - phi * phi));
  }

  /**
   * The noise at a cut: that of the noisier side, each side's taken over up to {@code maxWindow}
   * points, so a quiet stretch next to a loud one does not make the loud one's wobbles shifts.
   */
  private double sigma(int at) {
    int w = settings.maxWindow();
    return Math.max(noise.sideNoise(Math.max(0, at - w), at), noise.sideNoise(at, Math.min(y.length, at + w)));
  }

  /** The sum of squared deviations of {@code y[from..to)} from their mean. */
  private double cost(int from, int to) {
    double s = sums[to] - sums[from];
    return Math.max(0, squares[to] - squares[from] - s * s / (to - from));
  }

  private double mean(int from, int to) {
    return (sums[to] - sums[from]) / (to - from);
  }

  private int from(List<Integer> cuts, int k) {
    int at = cuts.get(k);
    return Math.max(k == 0 ? 0 : cuts.get(k - 1), at - settings.maxWindow());
  }

  private int to(List<Integer> cuts, int k) {
    int at = cuts.get(k);
    return Math.min(k == cuts.size() - 1 ? x.length : cuts.get(k + 1), at + settings.maxWindow());
  }
}
