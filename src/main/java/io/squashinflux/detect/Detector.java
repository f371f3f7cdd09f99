package io.squashinflux.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds sustained shifts of level in a series, and not outliers, excursions, slow drifts or noise,
 * judging each against the noise the series actually has ({@link Noise}). Pure: no I/O, no clock,
 * the same values give the same shifts.
 *
 * <p>Candidates come from moving sums at several scales (the mean of {@code G} points after each
 * point against the mean of {@code G} points before it, {@code G} from {@code window} doubling up
 * to {@code maxWindow}): short scales place large shifts, long ones see small shifts. Each
 * candidate is then tested against its neighbours (up to {@code maxWindow} points each side
 * within the segments between neighbouring candidates), and the least convincing one that fails
 * is merged away until every one left passes: its false-alarm probability, corrected for every
 * place the series was searched, is below {@code falseAlarm}, each side holds {@code window}
 * points, and a step fits the two sides better than a straight line (a drift is a line). Series
 * that mostly repeat the same value exactly (deterministic results that move in steps) are
 * judged by {@link Steps} instead.
 */
public final class Detector {
  /** The moving-sum score a point needs to become a candidate; the test decides. */
  private static final double CANDIDATE = 3;

  private final DetectorSettings settings;

  public Detector(DetectorSettings settings) {
    this.settings = settings;
  }

  /** The shifts of {@code values} (in time order, no NaN), in order. */
  public List<Shift> detect(double[] values) {
    if (values.length < 2 * settings.window()) {
      return List.of();
    }
    if (Steps.stepwise(values)) {
      return new Steps(settings).detect(values);
    }
    int span = 4 * settings.maxWindow();
    Noise noise = Noise.of(values, span);
    // Where a tenth of the points sit exactly on one value (clamped at a bound), the noise
    // model does not hold there: a change must also be large enough to matter.
    boolean bounded = Steps.repeated(values) >= 0.1;
    List<Integer> cuts = cuts(values, noise, bounded);
    if (!cuts.isEmpty()) {
      // Measured again within the levels found, the noise no longer counts their shifts as its own.
      Noise within = noise.without(cuts, span);
      if (within.factor() < noise.factor()) {
        noise = within;
        cuts = cuts(values, noise, bounded);
      }
    }
    Segments segments = new Segments(values, noise, settings, bounded);
    List<Shift> shifts = new ArrayList<>();
    for (int k = 0; k < cuts.size(); k++) {
      Shift s = segments.test(cuts, k);
      if (s != null) {
        shifts.add(s);
      }
    }
    return shifts;
  }

  /** Candidates merged away until every one left passes, placed, and judged again once placed. */
  private List<Integer> cuts(double[] values, Noise noise, boolean bounded) {
    Segments segments = new Segments(values, noise, settings, bounded);
    List<Integer> cuts = candidates(noise);
    segments.prune(cuts);
    segments.refine(cuts);
    segments.prune(cuts);
    return cuts;
  }

  /** The best point of each run of moving-sum scores above {@link #CANDIDATE}, at every scale. */
  private List<Integer> candidates(Noise noise) {
    double[] y = noise.values();
    int n = y.length;
    double[] sums = new double[n + 1];
    for (int i = 0; i < n; i++) {
      sums[i + 1] = sums[i] + y[i];
    }
    java.util.TreeSet<Integer> out = new java.util.TreeSet<>();
    for (int g : scales(n)) {
      int best = -1;
      double bestZ = 0;
      for (int i = g; i <= n - g; i++) {
        double delta = (sums[i + g] - 2 * sums[i] + sums[i - g]) / g;
        double error = noise.sigma()[i] * Math.sqrt(noise.factor() * 2 / g);
        double z = error > 0 ? Math.abs(delta) / error : delta != 0 ? Double.POSITIVE_INFINITY : 0;
        if (z >= CANDIDATE) {
          if (z > bestZ) {
            best = i;
            bestZ = z;
          }
        } else if (best >= 0) {
          out.add(best);
          best = -1;
          bestZ = 0;
        }
      }
      if (best >= 0) {
        out.add(best);
      }
    }
    return new ArrayList<>(out);
  }

  /** {@code window}, doubling, then {@code maxWindow}: each no more than half the series. */
  private List<Integer> scales(int n) {
    List<Integer> out = new ArrayList<>();
    for (int g = settings.window(); g < settings.maxWindow() && 2 * g <= n; g *= 2) {
      out.add(g);
    }
    if (2 * settings.maxWindow() <= n) {
      out.add(settings.maxWindow());
    } else if (out.isEmpty() || out.get(out.size() - 1) < n / 2) {
      out.add(n / 2);
    }
    return out;
  }
}
