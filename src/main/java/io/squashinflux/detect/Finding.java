package io.squashinflux.detect;

import java.util.List;
import java.util.OptionalDouble;

/**
 * A shift found in one series: a regression when {@code direction} is {@code worse}, otherwise a
 * change. The one record the page, the JSON and the summary read.
 *
 * @param at the time (ns) of the first point at the new level
 * @param lastGood the time (ns) of the point before it
 * @param before the median of the points compared before the shift
 * @param after the median of the points compared from the shift on
 * @param direction {@code worse}, {@code better} or {@code unknown} (nothing says which way is good)
 * @param job the SQuaSH job id of the first shifted point, or null
 * @param run the CI run of the first shifted point, or null
 * @param url the job's or CI run's URL, or null
 * @param packages packages whose git sha changed between the last good and first bad job
 * @param unit the metric's unit, or null when unknown
 * @param evidence how sure the shift is and how big in its series' own terms
 * @param crosses the spec levels ({@code design}, ...) that the level before met and the level
 *     after does not, or the other way round; empty when none
 */
public record Finding(String metric, String dataset, String filter, long at, long lastGood,
    double before, double after, String direction, Long job, String run, String url,
    List<PackageChange> packages, String unit, Evidence evidence, List<String> crosses) {

  public Finding {
    packages = List.copyOf(packages);
    crosses = List.copyOf(crosses);
  }

  /** The names of the packages changed. */
  public List<String> packagesChanged() {
    return packages.stream().map(PackageChange::name).toList();
  }

  /** True when no spec or option says which way is worse. */
  public boolean directionUnknown() {
    return direction.equals("unknown");
  }

  /** The relative change, e.g. 0.41 for 41% higher; empty from a level of zero ({@link Shift#relative}). */
  public OptionalDouble change() {
    return Shift.relative(before, after);
  }

  public boolean regression() {
    return direction.equals("worse");
  }

  public Finding withPackages(List<PackageChange> packages) {
    return new Finding(metric, dataset, filter, at, lastGood, before, after, direction, job, run,
        url, packages, unit, evidence, crosses);
  }
}
