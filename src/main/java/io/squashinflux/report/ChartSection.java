package io.squashinflux.report;

import io.squashinflux.detect.Finding;
import io.squashinflux.series.MetricField;
import io.squashinflux.specs.MetricDefinition;
import static io.squashinflux.report.Html.esc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/** Writes one metric's chart card: heading, series selector, plot area and its data. */
final class ChartSection {
  /** The same palette as report.js, so a swatch matches its line. */
  static final List<String> COLORS = List.of("#1f77b4", "#d62728", "#2ca02c", "#9467bd",
      "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#393b79", "#637939",
      "#8c6d31", "#843c39", "#7b4173");

  private final Writer out;
  private String lastPackage;
  private int count;

  ChartSection(Writer out) {
    this.out = out;
  }

  void write(MetricField field, String unit, MetricDefinition definition, ObjectNode data,
      List<Finding> found) {
    try {
      if (!field.packageName().equals(lastPackage)) {
        lastPackage = field.packageName();
        out.write("<h3 class=\"package\" id=\"package-" + esc(lastPackage) + "\">" + esc(lastPackage)
            + "</h3>\n");
      }
      int n = count++;
      long bad = found.stream().filter(Finding::regression).count();
      out.write("<section class=\"chart card\" id=\"chart-of-" + esc(field.metric()) + "\" data-metric=\""
          + esc(field.metric()) + "\" data-source=\"data-" + n + "\">\n<div class=\"chart-head\"><h4>"
          + esc(field.metric()) + (unit == null || unit.isEmpty() ? "" : " <span class=\"unit\">("
          + esc(unit) + ")</span>") + "</h4>" + (bad > 0 ? "<span class=\"flag\">" + bad
          + (bad == 1 ? " regression" : " regressions") + "</span>" : "") + "</div>\n");
      if (definition != null) {
        out.write(describe(definition));
      }
      // The series list folds away (closed on a phone); "only" shows that series alone.
      out.write("<details class=\"selector\" open><summary>Series (" + data.get("series").size()
          + ")</summary>");
      int i = 0;
      for (JsonNode line : data.get("series")) {
        out.write("<span class=\"pick\" data-dataset=\"" + esc(line.path("dataset").asText(""))
            + "\" data-filter=\"" + esc(line.path("filter").asText("")) + "\"><label><input"
            + " type=\"checkbox\" checked data-series=\"" + i + "\"><span class=\"swatch\""
            + " style=\"background:" + COLORS.get(i % COLORS.size()) + "\"></span>"
            + esc(line.get("label").asText()) + "</label><button type=\"button\" class=\"only\""
            + " data-series=\"" + i + "\" title=\"show this series alone\">only</button></span>");
        i++;
      }
      out.write("</details>\n<div class=\"isolated\" hidden></div>\n<div class=\"plot\"></div>\n"
          + "<div class=\"hover\"></div>\n");
      out.write("<script type=\"application/json\" id=\"data-" + n + "\">"
          + Html.scriptJson(ChartData.JSON.writeValueAsString(data)) + "</script>\n</section>\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The metric's definition under its title: what it measures, and its reference as a link. */
  private static String describe(MetricDefinition d) {
    String text = d.referenceText().isEmpty() ? d.reference() : d.referenceText();
    String link = d.reference() == null ? esc(d.referenceText())
        : "<a href=\"" + esc(d.reference()) + "\" rel=\"noopener\">" + esc(text) + "</a>";
    return "<p class=\"note description\">" + esc(d.description())
        + (link.isEmpty() ? "" : (d.description().isEmpty() ? "" : " ") + "Reference: " + link)
        + "</p>\n";
  }
}
