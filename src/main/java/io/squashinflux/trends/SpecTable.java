package io.squashinflux.trends;

import static io.squashinflux.trends.Html.esc;
import static io.squashinflux.trends.Html.num;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The spec status as a matrix: a row per metric, a column per dataset and filter, each cell the
 * latest value coloured by the best level it meets (stretch, design, minimum, or none).
 */
final class SpecTable {
  private SpecTable() {}

  static void write(Writer out, List<SpecStatus> specs) throws IOException {
    out.write("<h2 id=\"specs\">Spec status <span class=\"count\">(latest value of " + specs.size()
        + " series)</span></h2>\n");
    if (specs.isEmpty()) {
      out.write("<p class=\"note\">No thresholds known: pass --specs FILE|URL or --squash-url.</p>\n");
      return;
    }
    TreeMap<String, TreeMap<String, String>> columns = new TreeMap<>(); // dataset -> filters
    Map<String, Map<List<String>, SpecStatus>> rows = new TreeMap<>();
    for (SpecStatus s : specs) {
      columns.computeIfAbsent(text(s.dataset()), d -> new TreeMap<>()).put(text(s.filter()), "");
      rows.computeIfAbsent(s.metric(), m -> new LinkedHashMap<>())
          .put(List.of(text(s.dataset()), text(s.filter())), s);
    }
    out.write("<p class=\"note\">Each cell: the latest value, coloured by the best level it meets:"
        + " <span class=\"lvl stretch\">stretch</span> <span class=\"lvl design\">design</span>"
        + " <span class=\"lvl minimum\">minimum</span> <span class=\"lvl fails\">none</span>."
        + " Hover a cell for its thresholds.</p>\n<div class=\"scroll\"><table class=\"specs\">"
        + "<thead><tr><th rowspan=\"2\">Metric</th>");
    List<List<String>> order = new ArrayList<>();
    for (var dataset : columns.entrySet()) {
      out.write("<th colspan=\"" + dataset.getValue().size() + "\" class=\"ds\">"
          + esc(dataset.getKey().replaceFirst("^validation_data_", "")) + "</th>");
      dataset.getValue().keySet().forEach(f -> order.add(List.of(dataset.getKey(), f)));
    }
    out.write("</tr><tr>");
    for (List<String> column : order) {
      out.write("<th class=\"flt\">" + esc(column.get(1)) + "</th>");
    }
    out.write("</tr></thead><tbody>\n");
    for (var row : rows.entrySet()) {
      out.write("<tr><td class=\"metric\">" + esc(row.getKey()) + "</td>");
      for (List<String> column : order) {
        SpecStatus s = row.getValue().get(column);
        out.write(s == null ? "<td></td>" : cell(s));
      }
      out.write("</tr>\n");
    }
    out.write("</tbody></table></div>\n");
  }

  private static String cell(SpecStatus s) {
    String best = "fails";
    StringBuilder title = new StringBuilder(s.metric() + " on " + s.dataset() + " / " + s.filter()
        + ": " + num(s.latest().value()) + (s.unit() == null ? "" : " " + s.unit()) + " on "
        + Html.date(s.latest().time()));
    for (String level : List.of("minimum", "design", "stretch")) {
      for (SpecStatus.Level l : s.levels()) {
        if (l.level().equals(level)) {
          best = l.passes() ? level : best;
          title.append("\n").append(level).append(' ').append(l.operator()).append(' ')
              .append(num(l.threshold())).append(l.passes() ? ": met" : ": not met");
        }
      }
    }
    return "<td class=\"num lvl " + best + "\" title=\"" + esc(title.toString()) + "\">"
        + num(s.latest().value()) + "</td>";
  }

  private static String text(String value) {
    return Objects.requireNonNullElse(value, "(none)");
  }
}
