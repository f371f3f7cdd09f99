package io.squashinflux.dashboards;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * A board as Chronograf 1.x exports a dashboard ({@code {"meta", "dashboard"}}), which its
 * "Import Dashboard" reads back, and whose {@code dashboard} part is the body of
 * {@code POST /chronograf/v1/dashboards}. Cells sit on Chronograf's 12-column grid, two per row;
 * queries carry no source, so an import uses the source the user picks ("dynamic").
 */
final class ChronografJson {
  static final ObjectMapper JSON = new ObjectMapper();
  /** The version of the export format this follows (Chronograf's own exports name theirs). */
  static final String VERSION = "1.10.0";
  static final int COLUMNS = 12;
  static final int CELL_WIDTH = 6;
  static final int CELL_HEIGHT = 4;

  private ChronografJson() {}

  /** The file Chronograf's "Import Dashboard" takes. */
  static ObjectNode export(Board board) {
    ObjectNode file = JSON.createObjectNode();
    ObjectNode meta = file.putObject("meta");
    meta.put("chronografVersion", VERSION);
    meta.putObject("sources");
    file.set("dashboard", dashboard(board));
    return file;
  }

  /** The dashboard itself, as the API takes it. */
  static ObjectNode dashboard(Board board) {
    ObjectNode dashboard = JSON.createObjectNode();
    dashboard.put("name", board.title());
    ArrayNode cells = dashboard.putArray("cells");
    List<Panel> panels = board.panels();
    for (int i = 0; i < panels.size(); i++) {
      cells.add(cell(board, panels.get(i), i));
    }
    ArrayNode templates = dashboard.putArray("templates");
    templates.add(template(board, ":dataset:", board.datasetTag(), board.datasets()));
    if (board.hasFilter()) {
      templates.add(template(board, ":filter:", board.filterTag(), board.filters()));
    }
    return dashboard;
  }

  private static ObjectNode cell(Board board, Panel panel, int index) {
    ObjectNode cell = JSON.createObjectNode();
    cell.put("i", id(board.measurement() + "/" + panel.metric()));
    int perRow = COLUMNS / CELL_WIDTH;
    cell.put("x", (index % perRow) * CELL_WIDTH);
    cell.put("y", (index / perRow) * CELL_HEIGHT);
    cell.put("w", CELL_WIDTH);
    cell.put("h", CELL_HEIGHT);
    cell.put("name", panel.metric() + (panel.unit().isEmpty() ? "" : " (" + panel.unit() + ")"));
    cell.put("type", "line");
    ObjectNode query = cell.putArray("queries").addObject();
    query.put("query", Queries.chronograf(board, panel));
    query.put("source", "");
    query.put("type", "influxql");
    ObjectNode axes = cell.putObject("axes");
    axis(axes.putObject("x"), "");
    axis(axes.putObject("y"), panel.unit());
    axis(axes.putObject("y2"), "");
    cell.putArray("colors");
    cell.putObject("legend");
    cell.putArray("fieldOptions");
    cell.put("timeFormat", "");
    ObjectNode decimals = cell.putObject("decimalPlaces");
    decimals.put("isEnforced", false);
    decimals.put("digits", 3);
    cell.put("note", note(panel));
    cell.put("noteVisibility", "default");
    return cell;
  }

  private static void axis(ObjectNode axis, String label) {
    axis.putArray("bounds").add("").add("");
    axis.put("label", label);
    axis.put("prefix", "");
    axis.put("suffix", "");
    axis.put("base", "10");
    axis.put("scale", "linear");
  }

  /** Chronograf draws no threshold lines on a line graph: the cell's note names the spec levels. */
  private static String note(Panel panel) {
    StringBuilder note = new StringBuilder(panel.description());
    int before = note.length();
    for (Threshold t : panel.thresholds()) {
      note.append(note.length() == before ? (before == 0 ? "" : "\n\n") + "Specs: " : ", ").append(t.level()).append(' ')
          .append(t.operator()).append(' ').append(t.value())
          .append(panel.unit().isEmpty() ? "" : " " + panel.unit());
    }
    return note.toString();
  }

  private static ObjectNode template(Board board, String tempVar, String tagKey,
      List<String> values) {
    ObjectNode template = JSON.createObjectNode();
    template.put("tempVar", tempVar);
    template.put("id", id(board.measurement() + "/" + tempVar));
    template.put("type", "tagValues");
    template.put("label", "");
    ArrayNode list = template.putArray("values");
    for (int i = 0; i < values.size(); i++) {
      ObjectNode value = list.addObject();
      value.put("value", values.get(i));
      value.put("type", "tagValue");
      value.put("selected", i == 0);
    }
    ObjectNode query = template.putObject("query");
    query.put("influxql", Queries.CHRONOGRAF_TAG_VALUES);
    query.put("db", board.database());
    if (board.retentionPolicy() != null) {
      query.put("rp", board.retentionPolicy());
    }
    query.put("measurement", board.measurement());
    query.put("tagKey", tagKey);
    query.put("fieldKey", "");
    return template;
  }

  /** A stable UUID: the same cell keeps its id from one run to the next. */
  private static String id(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
