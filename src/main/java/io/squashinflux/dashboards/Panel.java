package io.squashinflux.dashboards;

import io.squashinflux.specs.LevelColour;
import java.util.List;
import java.util.Objects;

/**
 * One metric's graph.
 *
 * @param metric the metric's full name ({@code validate_drp.PA1})
 * @param fieldKey the field it is stored under in its measurement
 * @param unit its astropy unit ({@code mmag}), empty when dimensionless or unknown
 * @param thresholds its spec levels, lowest value first
 * @param description what the metric is, then its reference as a markdown link; empty when unknown
 */
record Panel(String metric, String fieldKey, String unit, List<Threshold> thresholds,
    String description) {

  Panel(String metric, String fieldKey, String unit, List<Threshold> thresholds) {
    this(metric, fieldKey, unit, thresholds, "");
  }

  Panel {
    Objects.requireNonNull(metric, "metric == null");
    Objects.requireNonNull(fieldKey, "fieldKey == null");
    unit = unit == null ? "" : unit;
    description = description == null ? "" : description;
    thresholds = thresholds.stream()
        .sorted(java.util.Comparator.comparingDouble(Threshold::value)).toList();
  }

  /** The direction all levels agree on: true when lower is better; null when they do not say. */
  Boolean lowerIsBetter() {
    List<Boolean> directions = thresholds.stream().map(Threshold::lowerIsBetter).distinct().toList();
    return directions.size() == 1 ? directions.get(0) : null;
  }

  /** The colour of each range between the levels, lowest first; empty without a direction. */
  List<LevelColour.Step> colours() {
    Boolean lower = lowerIsBetter();
    return lower == null ? List.of() : LevelColour.steps(thresholds.stream()
        .map(t -> new LevelColour.Level(t.level(), t.value())).toList(), lower);
  }

  /** The metric's name without its package, as a graph's title. */
  String shortName() {
    int dot = metric.indexOf('.');
    return dot < 0 ? metric : metric.substring(dot + 1);
  }
}
