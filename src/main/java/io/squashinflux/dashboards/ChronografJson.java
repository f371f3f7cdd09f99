package io.squashinflux.dashboards;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.squashinflux.specs.LevelColour;
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
  /** Each metric's slot, two per row: its line graph, and beside it its latest value when it has levels. */
  static final int SLOT_WIDTH = 6;
  static final int STAT_WIDTH = 2;
  static final int CELL_HEIGHT = 4;
  /** Chronograf's own base value: below any value. */
  static final String BASE_VALUE = "-999999999999999999";
  static final String LEVEL_WORDS = "dark green stretch, green design, amber minimum, red fails";

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
    int perRow = COLUMNS / SLOT_WIDTH;
    for (int i = 0; i < panels.size(); i++) {
      Panel panel = panels.get(i);
      int x = (i % perRow) * SLOT_WIDTH;
      int y = (i / perRow) * CELL_HEIGHT;
      boolean levels = !panel.colours().isEmpty();
      cells.add(graph(board, panel, x, y, levels ? SLOT_WIDTH - STAT_WIDTH : SLOT_WIDTH));
      if (levels) {
        cells.add(latest(board, panel, x + SLOT_WIDTH - STAT_WIDTH, y));
      }
    }
    // Listed in the order they depend on each other: :filter:'s query names :dataset:.
    ArrayNode templates = dashboard.putArray("templates");
    templates.add(datasets(board));
    if (board.hasFilter()) {
      templates.add(filters(board));
    }
    return dashboard;
  }

  /** The metric's line graph; its note gives the description and the spec levels. */
  private static ObjectNode graph(Board board, Panel panel, int x, int y, int w) {
    ObjectNode cell = cell(board, panel, "line", panel.metric()
        + (panel.unit().isEmpty() ? "" : " (" + panel.unit() + ")"), x, y, w);
    cell.putArray("colors");
    cell.put("note", note(panel));
    return cell;
  }

  /**
   * The latest value of the picked series, its background the scheme's colour of the best level
   * it meets: Chronograf colours a single-stat cell by thresholds, never a line graph.
   */
  private static ObjectNode latest(Board board, Panel panel, int x, int y) {
    ObjectNode cell = cell(board, panel, "single-stat", panel.metric() + " (latest"
        + (panel.unit().isEmpty() ? "" : ", " + panel.unit()) + ")", x, y, STAT_WIDTH);
    ArrayNode colors = cell.putArray("colors");
    for (LevelColour.Step step : panel.colours()) {
      ObjectNode color = colors.addObject();
      color.put("id", step.from() == null ? "base"
          : id(board.measurement() + "/" + panel.metric() + "/" + step.from()));
      color.put("type", "background");
      color.put("hex", step.colour().line());
      color.put("name", step.colour().state());
      color.put("value", step.from() == null ? BASE_VALUE : String.valueOf(step.from()));
    }
    cell.put("note", "Coloured by the best spec level the latest value meets: "
        + LEVEL_WORDS + ".");
    return cell;
  }

  private static ObjectNode cell(Board board, Panel panel, String type, String name, int x,
      int y, int w) {
    ObjectNode cell = JSON.createObjectNode();
    cell.put("i", id(board.measurement() + "/" + panel.metric() + (type.equals("line") ? "" : "/" + type)));
    cell.put("x", x);
    cell.put("y", y);
    cell.put("w", w);
    cell.put("h", CELL_HEIGHT);
    cell.put("name", name);
    cell.put("type", type);
    ObjectNode query = cell.putArray("queries").addObject();
    query.put("query", Queries.chronograf(board, panel));
    query.put("source", "");
    query.put("type", "influxql");
    ObjectNode axes = cell.putObject("axes");
    axis(axes.putObject("x"), "");
    axis(axes.putObject("y"), panel.unit());
    axis(axes.putObject("y2"), "");
    cell.putObject("legend");
    cell.putArray("fieldOptions");
    cell.put("timeFormat", "");
    ObjectNode decimals = cell.putObject("decimalPlaces");
    decimals.put("isEnforced", false);
    decimals.put("digits", 3);
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

  /** {@code :dataset:}: the dataset tag's values, Chronograf's own tagValues query. */
  private static ObjectNode datasets(Board board) {
    ObjectNode template = template(board, ":dataset:", "tagValues", board.datasets(), "tagValue");
    ObjectNode query = template.putObject("query");
    query.put("influxql", Queries.CHRONOGRAF_TAG_VALUES);
    query.put("db", board.database());
    if (board.retentionPolicy() != null) {
      query.put("rp", board.retentionPolicy());
    }
    query.put("measurement", board.measurement());
    query.put("tagKey", board.datasetTag());
    query.put("fieldKey", "");
    return template;
  }

  /**
   * {@code :filter:}: a custom meta query naming {@code :dataset:}, so Chronograf lists the filters
   * of the picked dataset only (it resolves variables in the order their queries name each other).
   * Its value goes into queries unquoted: they quote it themselves.
   */
  private static ObjectNode filters(Board board) {
    ObjectNode template = template(board, ":filter:", "influxql", board.firstFilters(), "influxql");
    template.putObject("query").put("influxql", Queries.chronografFilters(board));
    return template;
  }

  private static ObjectNode template(Board board, String tempVar, String type, List<String> values,
      String valueType) {
    ObjectNode template = JSON.createObjectNode();
    template.put("tempVar", tempVar);
    template.put("id", id(board.measurement() + "/" + tempVar));
    template.put("type", type);
    template.put("label", "");
    ArrayNode list = template.putArray("values");
    for (int i = 0; i < values.size(); i++) {
      ObjectNode value = list.addObject();
      value.put("value", values.get(i));
      value.put("type", valueType);
      value.put("selected", i == 0);
    }
    return template;
  }

  /** A stable UUID: the same cell keeps its id from one run to the next. */
  private static String id(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
