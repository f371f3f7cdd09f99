package io.squashinflux.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Metric definitions and threshold specs, for {@code /metrics}, {@code /specs} and job files. */
final class Reference {
  private Reference() {}

  /** A metric definition as lsst.verify and {@code GET /metrics} give it. */
  static ObjectNode metric(Catalog.Metric m) {
    ObjectNode node = JobShapes.MAPPER.createObjectNode();
    node.put("name", m.name());
    node.put("package", m.packageName());
    node.put("display_name", m.name().substring(m.name().indexOf('.') + 1));
    node.put("description", m.description());
    node.put("unit", m.unit());
    node.putArray("tags").add(m.packageName());
    ObjectNode reference = node.putObject("reference");
    reference.put("doc", "LPM-17");
    reference.put("url", "http://ls.st/lpm-17");
    return node;
  }

  /** Every catalog metric. */
  static ArrayNode metrics() {
    ArrayNode out = JobShapes.MAPPER.createArrayNode();
    Catalog.METRICS.forEach(m -> out.add(metric(m)));
    return out;
  }

  /**
   * Design, minimum and stretch thresholds of every catalog metric, around its typical value so
   * that some series pass and some fail; a purity is better higher ({@code >=}), the rest lower.
   * PA1's come first, with their SRD names.
   */
  static ArrayNode specs() {
    ArrayNode out = JobShapes.MAPPER.createArrayNode();
    for (Catalog.Metric m : Catalog.METRICS) {
      boolean higher = m.name().endsWith("Purity");
      double t = m.typical();
      String bands = m.name().equals("validate_drp.PA1") ? "_gri" : "";
      out.add(spec(m.name() + ".design" + bands, higher ? 95.0 : round(t * 1.15), m.unit(),
          "design", higher));
      out.add(spec(m.name() + ".minimum" + bands, higher ? 90.0 : round(t * 1.5), m.unit(),
          "minimum", higher));
      out.add(spec(m.name() + ".stretch" + bands, higher ? 98.0 : round(t * 0.85), m.unit(),
          "stretch", higher));
    }
    return out;
  }

  private static double round(double value) {
    return Double.parseDouble(String.format(java.util.Locale.ROOT, "%.3g", value));
  }

  private static ObjectNode spec(String name, double value, String unit, String level,
      boolean higher) {
    ObjectNode node = JobShapes.MAPPER.createObjectNode();
    node.put("name", name);
    node.put("type", "threshold");
    ObjectNode threshold = node.putObject("threshold");
    threshold.put("value", value);
    threshold.put("unit", unit);
    threshold.put("operator", higher ? ">=" : "<=");
    node.putArray("tags").add(level);
    node.putObject("metadata_query");
    return node;
  }
}
