package io.squashinflux.dashboards;

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

  /** The metric's name without its package, as a graph's title. */
  String shortName() {
    int dot = metric.indexOf('.');
    return dot < 0 ? metric : metric.substring(dot + 1);
  }
}
