package io.squashinflux.dashboards;

import io.squashinflux.specs.Specs;
import java.util.List;

/**
 * What InfluxDB does not hold about a metric, as the report reads it too ({@link Specs}): its unit
 * (from metric definitions, else a spec's threshold) and its spec levels.
 */
final class Reference {
  static final Reference NONE = new Reference(Specs.NONE);

  private final Specs specs;

  Reference(Specs specs) {
    this.specs = specs;
  }

  /** The metric's unit, from its definition or else from a spec's threshold; empty if unknown. */
  String unit(String metric) {
    String unit = specs.unit(metric);
    return unit == null ? "" : unit;
  }

  /** Every level of the metric's specs, once each: a dashboard draws them for every dataset. */
  List<Threshold> levels(String metric) {
    return specs.of(metric).stream()
        .map(s -> new Threshold(s.level(), s.value(), s.operator(), s.lowerIsBetter()))
        .distinct().toList();
  }

  /** True when no unit and no spec is known. */
  boolean isEmpty() {
    return specs.isEmpty();
  }
}
