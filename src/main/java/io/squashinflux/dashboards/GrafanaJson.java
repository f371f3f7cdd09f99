package io.squashinflux.dashboards;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.squashinflux.notify.FindingPoints;
import io.squashinflux.specs.LevelColour;
import java.util.List;
import java.util.Map;

/**
 * A board in Grafana's dashboard JSON model (schemaVersion 39, Grafana 10.3 and later read it as
 * is): a data source variable for InfluxDB, query variables {@code dataset} and {@code filter}
 * (multi-value, with "All"), one time-series panel per metric with its unit and its spec levels
 * drawn as threshold lines. Panels sit on Grafana's 24-column grid, two per row.
 */
final class GrafanaJson {
  static final int SCHEMA_VERSION = 39;
  static final String DATASOURCE_VARIABLE = "datasource";
  /** Astropy units with a Grafana unit of their own; the others are shown as a suffix. */
  private static final Map<String, String> UNITS = Map.of(
      "", "none", "s", "s", "ms", "ms", "min", "m", "h", "h", "%", "percent", "ct", "none",
      "deg", "degree", "byte", "decbytes");

  private GrafanaJson() {}

  static ObjectNode dashboard(Board board) {
    ObjectNode d = ChronografJson.JSON.createObjectNode();
    d.putNull("id");
    d.put("uid", board.uid());
    d.put("title", board.title());
    d.put("description", "Metrics of " + board.measurement() + " in InfluxDB database "
        + board.database() + " (" + board.model() + " data model), made by squash-influx.");
    d.putArray("tags").add("squash-influx").add(board.measurement());
    d.put("timezone", "utc");
    d.put("editable", true);
    d.put("graphTooltip", 1);
    d.put("schemaVersion", SCHEMA_VERSION);
    d.put("version", 1);
    d.put("refresh", "");
    d.put("fiscalYearStartMonth", 0);
    d.put("liveNow", false);
    // Opens on the data, which may be years old; a board of no known span shows the last year.
    ObjectNode time = d.putObject("time");
    time.put("from", board.span() == null ? "now-1y" : board.span().from().toString());
    time.put("to", board.span() == null ? "now" : board.span().to().toString());
    d.putObject("timepicker");
    d.putArray("links");
    ArrayNode annotations = d.putObject("annotations").putArray("list");
    ArrayNode variables = d.putObject("templating").putArray("list");
    variables.add(datasourceVariable());
    variables.add(queryVariable("dataset", Queries.grafanaDatasets(board)));
    if (board.hasFilter()) {
      variables.add(queryVariable("filter", Queries.grafanaFilters(board)));
    }
    ArrayNode panels = d.putArray("panels");
    List<Panel> list = board.panels();
    for (int i = 0; i < list.size(); i++) {
      panels.add(panel(board, list.get(i), i));
      annotations.add(findings(board, list.get(i), i + 1));
    }
    return d;
  }

  /**
   * The findings of {@code report --annotate} on one metric's panel: an InfluxDB annotation query
   * (the field mappings Grafana's InfluxDB data source reads, at the top and in its target) shown
   * on that panel only ({@code filter.ids}).
   */
  private static ObjectNode findings(Board board, Panel panel, int panelId) {
    String query = FindingPoints.grafanaQuery(board.retentionPolicy(), panel.metric(),
        board.hasFilter());
    ObjectNode a = ChronografJson.JSON.createObjectNode();
    a.put("name", "Findings: " + panel.shortName());
    a.set("datasource", datasource());
    a.put("enable", true);
    a.put("hide", false);
    a.put("iconColor", "red");
    a.put("query", query);
    a.put("textColumn", "text");
    a.put("tagsColumn", FindingPoints.GRAFANA_TAGS);
    ObjectNode target = a.putObject("target");
    target.put("refId", "Anno");
    target.put("rawQuery", true);
    target.put("query", query);
    target.put("textColumn", "text");
    target.put("tagsColumn", FindingPoints.GRAFANA_TAGS);
    ObjectNode filter = a.putObject("filter");
    filter.put("exclude", false);
    filter.putArray("ids").add(panelId);
    return a;
  }

  /** The {@code datasource} reference every panel and variable uses: the variable's pick. */
  static ObjectNode datasource() {
    ObjectNode ref = ChronografJson.JSON.createObjectNode();
    ref.put("type", "influxdb");
    ref.put("uid", "${" + DATASOURCE_VARIABLE + "}");
    return ref;
  }

  private static ObjectNode datasourceVariable() {
    ObjectNode v = ChronografJson.JSON.createObjectNode();
    v.put("type", "datasource");
    v.put("name", DATASOURCE_VARIABLE);
    v.put("label", "InfluxDB");
    v.put("query", "influxdb");
    v.put("regex", "");
    v.put("hide", 0);
    v.put("refresh", 1);
    // The provisioned data source by default; a Grafana without it picks its first InfluxDB.
    ObjectNode current = v.putObject("current");
    current.put("text", Provisioning.DATASOURCE_NAME);
    current.put("value", Provisioning.DATASOURCE_UID);
    v.putArray("options");
    return v;
  }

  private static ObjectNode queryVariable(String name, String query) {
    ObjectNode v = ChronografJson.JSON.createObjectNode();
    v.put("type", "query");
    v.put("name", name);
    v.put("label", name);
    v.set("datasource", datasource());
    v.put("query", query);
    v.put("definition", query);
    v.put("refresh", 1);
    v.put("multi", true);
    v.put("includeAll", true);
    v.put("sort", 1);
    v.put("regex", "");
    v.put("hide", 0);
    ObjectNode current = v.putObject("current");
    current.putArray("text").add("All");
    current.putArray("value").add("$__all");
    v.putArray("options");
    return v;
  }

  private static ObjectNode panel(Board board, Panel panel, int index) {
    ObjectNode p = ChronografJson.JSON.createObjectNode();
    p.put("id", index + 1);
    p.put("type", "timeseries");
    p.put("title", panel.metric() + (panel.unit().isEmpty() ? "" : " (" + panel.unit() + ")"));
    p.put("description", panel.description());
    ObjectNode grid = p.putObject("gridPos");
    grid.put("h", 8);
    grid.put("w", 12);
    grid.put("x", (index % 2) * 12);
    grid.put("y", (index / 2) * 8);
    p.set("datasource", datasource());
    ObjectNode target = p.putArray("targets").addObject();
    target.put("refId", "A");
    target.set("datasource", datasource());
    target.put("rawQuery", true);
    target.put("query", Queries.grafana(board, panel));
    target.put("resultFormat", "time_series");
    target.put("alias", Queries.grafanaAlias(board));
    ObjectNode fieldConfig = p.putObject("fieldConfig");
    ObjectNode defaults = fieldConfig.putObject("defaults");
    fieldConfig.putArray("overrides");
    defaults.put("unit", unit(panel.unit()));
    ObjectNode custom = defaults.putObject("custom");
    custom.put("drawStyle", "line");
    custom.put("showPoints", "always");
    custom.put("spanNulls", true);
    custom.putObject("thresholdsStyle").put("mode", panel.colours().isEmpty() ? "off" : "dashed+area");
    defaults.set("thresholds", thresholds(panel));
    ObjectNode options = p.putObject("options");
    ObjectNode legend = options.putObject("legend");
    legend.put("showLegend", true);
    legend.put("displayMode", "list");
    legend.put("placement", "bottom");
    legend.putArray("calcs");
    ObjectNode tooltip = options.putObject("tooltip");
    tooltip.put("mode", "multi");
    tooltip.put("sort", "none");
    return p;
  }

  /**
   * Grafana's threshold steps: the scheme's colour of each range between the spec levels
   * ({@link LevelColour#steps}), drawn as dashed lines over tinted areas.
   */
  static ObjectNode thresholds(Panel panel) {
    ObjectNode t = ChronografJson.JSON.createObjectNode();
    t.put("mode", "absolute");
    ArrayNode steps = t.putArray("steps");
    if (panel.colours().isEmpty()) {
      steps.addObject().put("color", "text").putNull("value"); // Grafana wants a base; nothing is drawn
    }
    for (LevelColour.Step s : panel.colours()) {
      ObjectNode step = steps.addObject();
      step.put("color", s.colour().line());
      if (s.from() == null) {
        step.putNull("value");
      } else {
        step.put("value", s.from());
      }
    }
    return t;
  }

  /** Grafana's unit for an astropy unit: its own where one exists, else {@code suffix: mmag}. */
  static String unit(String astropy) {
    String known = UNITS.get(astropy);
    return known != null ? known : "suffix: " + astropy;
  }
}
