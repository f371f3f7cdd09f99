package io.squashinflux.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Shifts of a series that mostly repeats the same value exactly: a deterministic result (the same
 * code on the same data gives the same number) that moves a little at each code change. Its noise
 * is the size of its own steps: a step counts when it stands out from the typical step (corrected
 * for how many steps there are) and its new level holds for {@code window} points. With too few
 * steps to say what is typical, a step counts when it changes the level by {@code minChange}.
 */
final class Steps {
  /** The fewest steps whose sizes say what a typical step is. */
  private static final int FEWEST = 5;

  private final DetectorSettings settings;

  Steps(DetectorSettings settings) {
    this.settings = settings;
  }

  /** True when at least half of the series' points repeat the value before them exactly. */
  static boolean stepwise(double[] values) {
    int same = 0;
    for (int i = 1; i < values.length; i++) {
      same += values[i] == values[i - 1] ? 1 : 0;
    }
    return 2 * same >= values.length - 1;
  }

  /**
   * The share of points that hold the series' most repeated value: a bound the values are clamped
   * at (100%), where the points say nothing about the noise.
   */
  static double repeated(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int most = 0;
    int run = 0;
    for (int i = 0; i < sorted.length; i++) {
      run = i > 0 && sorted[i] == sorted[i - 1] ? run + 1 : 1;
      most = Math.max(most, run);
    }
    return sorted.length == 0 ? 0 : (double) most / sorted.length;
  }

  List<Shift> detect(double[] x) {
    int n = x.length;
    int w = settings.window();
    List<Integer> steps = new ArrayList<>();
    for (int i = 1; i < n; i++) {
      if (x[i] != x[i - 1]) {
        steps.add(i);
      }
    }
    double typical = typical(x, steps);
    List<Integer> kept = new ArrayList<>();
    List<Double> pValues = new ArrayList<>();
    for (int i : steps) {
      if (i < w || i + w > n) {
        continue;
      }
      double jump = x[i] - x[i - 1];
      double held = Robust.median(x, i, i + w) - Robust.median(x, i - w, i);
      if (Math.signum(held) != Math.signum(jump) || Math.abs(held) < Math.abs(jump) / 2) {
        continue;
      }
      double p = typical > 0 ? Math.min(1, steps.size() * Robust.twoSidedTail(jump / typical)) : 0;
      boolean large = typical > 0 ? p <= settings.falseAlarm()
          : Math.abs(Shift.relative(x[i - 1], x[i]).orElse(Double.POSITIVE_INFINITY)) >= settings.minChange();
      if (large) {
        kept.add(i);
        pValues.add(p);
      }
    }
    List<Shift> out = new ArrayList<>();
    for (int k = 0; k < kept.size(); k++) {
      int at = kept.get(k);
      int from = Math.max(k == 0 ? 0 : kept.get(k - 1), at - settings.maxWindow());
      int to = Math.min(k == kept.size() - 1 ? n : kept.get(k + 1), at + settings.maxWindow());
      double before = Robust.median(x, from, at);
      double after = Robust.median(x, at, to);
      double jump = x[at] - x[at - 1];
      out.add(new Shift(at, before, after, typical > 0 ? Math.abs(jump) / typical : Double.POSITIVE_INFINITY,
          new Evidence(pValues.get(k), typical > 0 ? jump / typical : Double.NaN,
              Evidence.Side.of(x, from, at), Evidence.Side.of(x, at, to))));
    }
    return out;
  }

  /** The standard deviation of a typical step, from the median step size; 0 when too few steps. */
  private static double typical(double[] x, List<Integer> steps) {
    if (steps.size() < FEWEST) {
      return 0;
    }
    double[] sizes = new double[steps.size()];
    for (int k = 0; k < sizes.length; k++) {
      sizes[k] = Math.abs(x[steps.get(k)] - x[steps.get(k) - 1]);
    }
    return Robust.median(sizes, 0, sizes.length) * Robust.MAD_TO_SIGMA;
  }
}
