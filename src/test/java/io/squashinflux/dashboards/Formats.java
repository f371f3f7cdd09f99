package io.squashinflux.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each program requires of a dashboard file, written down from its documentation and code;
 * each check returns the problems it found, each naming the JSON path it is about. (Grafana's
 * {@code @grafana/schema} package is not used: installing it needs the npm registry at test time.)
 */
final class Formats {
  private Formats() {}

  /**
   * Chronograf 1.x Import Dashboard (ui/src/dashboards/components/ImportDashboardOverlay.tsx) and
   * {@code POST /chronograf/v1/dashboards} (server/dashboards.go, cells.go, templates.go): a
   * {@code dashboard} object with a name, cells on the 12-column grid with i, x, y, w, h, a
   * non-empty {@code queries[].query}, axes only x/y/y2 with a known scale and base; templates
   * with a {@code :name:} tempVar, a known type, typed values, one selected; no duplicate
   * tempVar; every {@code :var:} a query uses defined, or one Chronograf defines itself; a
   * single-stat cell's threshold colours with one base.
   */
  static List<String> chronograf(JsonNode file) {
    List<String> missing = new ArrayList<>();
    require(file, "meta", missing, "");
    require(file.path("meta"), "chronografVersion", missing, "meta");
    JsonNode d = file.path("dashboard");
    if (!d.isObject()) {
      missing.add("dashboard (an object)");
      return missing;
    }
    require(d, "name", missing, "dashboard");
    Set<String> defined = new HashSet<>(Set.of(":dashboardTime:", ":upperDashboardTime:", ":interval:"));
    JsonNode templates = d.path("templates");
    for (int i = 0; i < templates.size(); i++) {
      JsonNode t = templates.get(i);
      String at = "dashboard.templates[" + i + "]";
      String var = t.path("tempVar").asText("");
      if (!var.matches(":[A-Za-z0-9_]+:")) {
        missing.add(at + ".tempVar (like :dataset:)");
      }
      if (!defined.add(var)) {
        missing.add(at + ".tempVar unique (" + var + " twice)");
      }
      if (!Set.of("constant", "csv", "fieldKeys", "tagKeys", "tagValues", "measurements",
          "databases", "map", "influxql", "text", "flux").contains(t.path("type").asText())) {
        missing.add(at + ".type (a Chronograf template type)");
      }
      int selected = 0;
      for (int v = 0; v < t.path("values").size(); v++) {
        JsonNode value = t.path("values").get(v);
        require(value, "value", missing, at + ".values[" + v + "]");
        if (!Set.of("csv", "map", "fieldKey", "tagKey", "tagValue", "measurement", "database",
            "constant", "influxql", "flux").contains(value.path("type").asText())) {
          missing.add(at + ".values[" + v + "].type (a Chronograf value type)");
        }
        selected += value.path("selected").asBoolean() ? 1 : 0;
      }
      if (selected != 1) {
        missing.add(at + ".values: one selected (found " + selected + ")");
      }
    }
    JsonNode cells = d.path("cells");
    if (cells.isEmpty()) {
      missing.add("dashboard.cells (at least one)");
    }
    for (int i = 0; i < cells.size(); i++) {
      chronografCell(cells.get(i), "dashboard.cells[" + i + "]", defined, missing);
    }
    return missing;
  }

  private static void chronografCell(JsonNode c, String at, Set<String> defined, List<String> missing) {
    for (String key : List.of("i", "x", "y", "w", "h", "name", "type", "queries")) {
      require(c, key, missing, at);
    }
    if (c.path("w").asInt() < 1 || c.path("h").asInt() < 1
        || c.path("x").asInt() + c.path("w").asInt() > 12 || c.path("x").asInt() < 0) {
      missing.add(at + ": x, w within the 12-column grid and w, h >= 1");
    }
    JsonNode queries = c.path("queries");
    for (int q = 0; q < queries.size(); q++) {
      String query = queries.get(q).path("query").asText("");
      if (query.isBlank()) {
        missing.add(at + ".queries[" + q + "].query");
      }
      Matcher vars = Pattern.compile(":[A-Za-z0-9_]+:").matcher(query);
      while (vars.find()) {
        if (!defined.contains(vars.group())) {
          missing.add(at + ".queries[" + q + "]: template " + vars.group() + " (used, not defined)");
        }
      }
    }
    // Single-stat threshold colours (ui/src/shared/constants/thresholds.ts): all text or all
    // background, one of them the base (id "base"), each with a hex and a numeric value.
    JsonNode colors = c.path("colors");
    if (c.path("type").asText().equals("single-stat") && colors.size() > 0) {
      Set<String> types = new HashSet<>();
      int bases = 0;
      for (int k = 0; k < colors.size(); k++) {
        JsonNode color = colors.get(k);
        types.add(color.path("type").asText());
        bases += color.path("id").asText().equals("base") ? 1 : 0;
        if (!color.path("hex").asText("").matches("#[0-9a-fA-F]{6}")
            || !color.path("value").asText("").matches("-?[0-9.eE+-]+")) {
          missing.add(at + ".colors[" + k + "]: hex #rrggbb and a numeric value");
        }
      }
      if (!(Set.of("text").equals(types) || Set.of("background").equals(types)) || bases != 1) {
        missing.add(at + ".colors: all text or all background, one with id base");
      }
    }
    c.path("axes").fieldNames().forEachRemaining(axis -> {
      JsonNode a = c.path("axes").path(axis);
      if (!Set.of("x", "y", "y2").contains(axis) || !Set.of("linear", "log", "").contains(a.path("scale").asText(""))
          || !Set.of("10", "2", "", "raw").contains(a.path("base").asText(""))) {
        missing.add(at + ".axes." + axis + " (x, y or y2 with scale linear|log and base 10|2|raw)");
      }
    });
  }

  /**
   * Grafana's dashboard JSON model (docs: dashboards/build-dashboards/view-dashboard-json-model;
   * the panel and variable kinds of @grafana/schema): uid (at most 40 characters), title, a
   * numeric schemaVersion of 36 or more (data source references by uid), time.from/to,
   * templating.list with type and name (a query variable's datasource and query), panels with
   * unique ids, type, title, gridPos h/w/x/y inside the 24-column grid, targets with refId,
   * fieldConfig.defaults and .overrides, and threshold steps whose first value is null and
   * the rest ascending.
   */
  static List<String> grafana(JsonNode d) {
    List<String> missing = new ArrayList<>();
    for (String key : List.of("uid", "title", "schemaVersion", "time", "templating", "panels")) {
      require(d, key, missing, "");
    }
    if (d.path("uid").asText("").length() > 40) {
      missing.add("uid of at most 40 characters");
    }
    if (d.path("schemaVersion").asInt() < 36) {
      missing.add("schemaVersion >= 36 (found " + d.path("schemaVersion") + ")");
    }
    require(d.path("time"), "from", missing, "time");
    require(d.path("time"), "to", missing, "time");
    JsonNode variables = d.path("templating").path("list");
    for (int i = 0; i < variables.size(); i++) {
      JsonNode v = variables.get(i);
      String at = "templating.list[" + i + "]";
      require(v, "type", missing, at);
      require(v, "name", missing, at);
      if (v.path("type").asText().equals("query")) {
        require(v, "datasource", missing, at);
        require(v, "query", missing, at);
      }
    }
    Set<Integer> ids = new HashSet<>();
    JsonNode panels = d.path("panels");
    for (int i = 0; i < panels.size(); i++) {
      JsonNode p = panels.get(i);
      String at = "panels[" + i + "]";
      for (String key : List.of("id", "type", "title", "gridPos", "targets", "fieldConfig")) {
        require(p, key, missing, at);
      }
      if (!ids.add(p.path("id").asInt())) {
        missing.add(at + ".id unique");
      }
      JsonNode g = p.path("gridPos");
      for (String key : List.of("h", "w", "x", "y")) {
        if (!g.path(key).isInt()) {
          missing.add(at + ".gridPos." + key);
        }
      }
      if (g.path("x").asInt() + g.path("w").asInt() > 24) {
        missing.add(at + ".gridPos: x + w within the 24-column grid");
      }
      for (int t = 0; t < p.path("targets").size(); t++) {
        require(p.path("targets").get(t), "refId", missing, at + ".targets[" + t + "]");
      }
      require(p.path("fieldConfig"), "defaults", missing, at + ".fieldConfig");
      require(p.path("fieldConfig"), "overrides", missing, at + ".fieldConfig");
      JsonNode steps = p.path("fieldConfig").path("defaults").path("thresholds").path("steps");
      if (steps.size() > 0 && !steps.get(0).path("value").isNull()) {
        missing.add(at + ".fieldConfig.defaults.thresholds.steps[0].value null (the base)");
      }
      for (int s = 2; s < steps.size(); s++) {
        if (steps.get(s).path("value").asDouble() < steps.get(s - 1).path("value").asDouble()) {
          missing.add(at + ".fieldConfig.defaults.thresholds.steps ascending");
        }
      }
    }
    return missing;
  }

  private static void require(JsonNode node, String key, List<String> missing, String at) {
    JsonNode value = node.path(key);
    if (value.isMissingNode() || value.isNull() || (value.isTextual() && value.asText().isEmpty()
        && !key.equals("label"))) {
      missing.add(at.isEmpty() ? key : at + "." + key);
    }
  }
}
