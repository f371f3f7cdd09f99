package io.squashinflux.specs;

import io.squashinflux.series.Point;
import java.util.List;

/**
 * The latest value of one series against its metric's thresholds.
 *
 * @param levels the thresholds that apply, design first
 */
public record SpecStatus(String metric, String dataset, String filter, Point latest, String unit,
    List<Level> levels) {

  /** One threshold and whether the latest value meets it. */
  public record Level(String level, String operator, double threshold, boolean passes) {}

  public SpecStatus {
    levels = List.copyOf(levels);
  }
}
