package io.squashinflux.report;

import io.squashinflux.detect.Finding;

import java.util.Comparator;
import java.util.function.Predicate;

/**
 * The order findings are listed in, and which ones are listed: one place for both.
 *
 * <p>Worst first: a shift that crosses a spec level, then a shift from a level of zero (no ratio
 * says how large it is, so it ranks by its size in noise units ahead of every ratio), then by the
 * size of the relative change, then by size in noise units; ties by name and time, so the order
 * never depends on the order series were read in.
 */
public final class Ranking {
  private Ranking() {}

  public static final Comparator<Finding> WORST_FIRST =
      Comparator.comparing((Finding f) -> f.crosses().isEmpty())
          .thenComparing(f -> f.change().isPresent())
          .thenComparingDouble(f -> -Math.abs(f.change().orElse(0)))
          .thenComparingDouble(f -> -noiseUnits(f))
          .thenComparing(Finding::metric)
          .thenComparing(f -> String.valueOf(f.dataset()))
          .thenComparing(f -> String.valueOf(f.filter()))
          .thenComparingLong(Finding::at);

  /**
   * Which findings a report lists: with {@code crossingOnly} those that cross a spec level, with
   * {@code above} more than 0 those whose relative change is at least that large (a change from
   * zero always is).
   */
  public static Predicate<Finding> shown(boolean crossingOnly, double above) {
    return f -> (!crossingOnly || !f.crosses().isEmpty())
        && Math.abs(f.change().orElse(Double.POSITIVE_INFINITY)) >= above;
  }

  private static double noiseUnits(Finding f) {
    double s = Math.abs(f.evidence().sigmas());
    return Double.isNaN(s) ? Double.POSITIVE_INFINITY : s;
  }
}
