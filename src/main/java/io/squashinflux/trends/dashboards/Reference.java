package io.squashinflux.trends.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What InfluxDB does not hold about a metric: its unit (from metric definitions, lsst.verify's
 * {@code metrics} or SQuaSH's {@code GET /metrics}) and its spec levels (lsst.verify's
 * {@code specs} or {@code GET /specs}).
 */
final class Reference {
  static final Reference NONE = new Reference(Map.of(), Map.of());

  private final Map<String, String> units;
  private final Map<String, List<Threshold>> levels;

  Reference(Map<String, String> units, Map<String, List<Threshold>> levels) {
    this.units = Map.copyOf(units);
    this.levels = Map.copyOf(levels);
  }

  /** The metric's unit, from its definition or else from a spec's threshold; empty if unknown. */
  String unit(String metric) {
    return units.getOrDefault(metric, "");
  }

  List<Threshold> levels(String metric) {
    return levels.getOrDefault(metric, List.of());
  }

  int metrics() {
    Set<String> all = new LinkedHashSet<>(units.keySet());
    all.addAll(levels.keySet());
    return all.size();
  }

  /** Reads the {@code metrics} and {@code specs} arrays of any of these documents. */
  static Reference of(List<JsonNode> documents) {
    Map<String, String> units = new HashMap<>();
    Map<String, Set<Threshold>> levels = new HashMap<>();
    Map<String, String> specUnits = new HashMap<>();
    for (JsonNode document : documents) {
      for (JsonNode metric : document.path("metrics")) {
        if (metric.path("name").isTextual() && metric.path("unit").isTextual()) {
          units.put(metric.get("name").asText(), metric.get("unit").asText());
        }
      }
      for (JsonNode spec : document.path("specs")) {
        JsonNode threshold = spec.path("threshold");
        String name = spec.path("name").asText("");
        int last = name.lastIndexOf('.');
        if (last <= 0 || !threshold.path("value").isNumber()) {
          continue;
        }
        String metric = name.substring(0, last);
        String operator = threshold.path("operator").asText("");
        levels.computeIfAbsent(metric, m -> new LinkedHashSet<>()).add(new Threshold(
            level(spec, name.substring(last + 1)), threshold.get("value").asDouble(), operator,
            lowerIsBetter(operator)));
        specUnits.putIfAbsent(metric, threshold.path("unit").asText(""));
      }
    }
    specUnits.forEach(units::putIfAbsent);
    Map<String, List<Threshold>> lists = new HashMap<>();
    levels.forEach((metric, set) -> lists.put(metric, new ArrayList<>(set)));
    return new Reference(units, lists);
  }

  /** {@code design}, {@code minimum} or {@code stretch} from the spec's tags or name, else its name's end. */
  private static String level(JsonNode spec, String last) {
    for (String level : List.of("design", "minimum", "stretch")) {
      for (JsonNode tag : spec.path("tags")) {
        if (tag.asText().equals(level)) {
          return level;
        }
      }
      if (last.startsWith(level)) {
        return level;
      }
    }
    return last;
  }

  private static Boolean lowerIsBetter(String operator) {
    return switch (operator) {
      case "<", "<=" -> Boolean.TRUE;
      case ">", ">=" -> Boolean.FALSE;
      default -> null;
    };
  }
}
