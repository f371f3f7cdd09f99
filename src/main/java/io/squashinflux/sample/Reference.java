package io.squashinflux.sample;

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

  /** A few SRD threshold specs. */
  static ArrayNode specs() {
    ArrayNode out = JobShapes.MAPPER.createArrayNode();
    out.add(spec("validate_drp.PA1.design_gri", 5.0, "mmag", "design", "gri"));
    out.add(spec("validate_drp.PA1.minimum_gri", 8.0, "mmag", "minimum", "gri"));
    out.add(spec("validate_drp.AM1.design", 10.0, "marcsec", "design", null));
    out.add(spec("validate_drp.AM2.design", 10.0, "marcsec", "design", null));
    out.add(spec("validate_drp.TE1.design", 2.0e-5, "", "design", null));
    return out;
  }

  private static ObjectNode spec(String name, double value, String unit, String level, String bands) {
    ObjectNode node = JobShapes.MAPPER.createObjectNode();
    node.put("name", name);
    node.put("type", "threshold");
    ObjectNode threshold = node.putObject("threshold");
    threshold.put("value", value);
    threshold.put("unit", unit);
    threshold.put("operator", "<=");
    ArrayNode tags = node.putArray("tags").add(level);
    ObjectNode query = node.putObject("metadata_query");
    if (bands != null) {
      tags.add(bands);
      query.put("filter_name", bands.substring(1, 2));
    }
    return node;
  }
}
