package io.squashinflux.dashboards;

import io.squashinflux.specs.MetricDefinition;
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

  /** The metric's definition: its description and reference; null when none was read. */
  MetricDefinition definition(String metric) {
    return specs.definition(metric);
  }

  /** The definition's description, then its reference as a markdown link; "" when unknown. */
  String description(String metric) {
    MetricDefinition d = specs.definition(metric);
    if (d == null) {
      return "";
    }
    String link = d.reference() == null ? d.referenceText()
        : "[" + (d.referenceText().isEmpty() ? d.reference() : d.referenceText()) + "]("
            + d.reference() + ")";
    return (d.description() + (link.isEmpty() ? "" : "\n\nReference: " + link)).strip();
  }

  /** What the specs' reader dropped, one line each. */
  List<String> notes() {
    return specs.notes();
  }

  /** True when no unit and no spec is known. */
  boolean isEmpty() {
    return specs.isEmpty();
  }
}
