package io.squashinflux.report;

import io.squashinflux.specs.Spec;
import io.squashinflux.specs.SpecStatus;
import static io.squashinflux.report.Html.esc;
import static io.squashinflux.report.Html.num;

import java.io.IOException;
import java.io.Writer;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The spec status: one small table per dataset (a row per metric, grouped by package, a column
 * per filter of that dataset), each cell the latest value coloured by the best level it meets.
 * The tables sit side by side and wrap to the next line, so more datasets make the section
 * longer, never wider than the page.
 */
final class SpecTable {
  /** Filters in wavelength order (u g r i z y; HSC-R2 is r), other names after them by name. */
  static final Comparator<String> BANDS =
      Comparator.comparingInt(SpecTable::band).thenComparing(Comparator.naturalOrder());
  private static final Pattern BAND = Pattern.compile("(?i)(?:.*[-_])?([ugrizy])\\d*");

  private SpecTable() {}

  static void write(Writer out, List<SpecStatus> specs) throws IOException {
    out.write("<h2 id=\"specs\">Spec status <span class=\"count\">(latest value of " + specs.size()
        + " series)</span></h2>\n");
    if (specs.isEmpty()) {
      out.write("<p class=\"note\">No thresholds known: pass --specs FILE|URL or --squash-url.</p>\n");
      return;
    }
    // dataset -> metric -> filter -> status, all sorted by name
    Map<String, Map<String, Map<String, SpecStatus>>> datasets = new TreeMap<>();
    for (SpecStatus s : specs) {
      datasets.computeIfAbsent(text(s.dataset()), d -> new TreeMap<>())
          .computeIfAbsent(s.metric(), m -> new TreeMap<>(BANDS)).put(text(s.filter()), s);
    }
    out.write("<p class=\"note\">One table per dataset. Each cell: the latest value, coloured by"
        + " the best level it meets: <span class=\"lvl stretch\">stretch</span> <span class=\"lvl"
        + " design\">design</span> <span class=\"lvl minimum\">minimum</span> <span class=\"lvl"
        + " fails\">none</span>. Hover a cell for its thresholds; click a metric for its chart.</p>"
        + "\n<div class=\"spec-grid\">\n");
    for (var dataset : datasets.entrySet()) {
      dataset(out, dataset.getKey(), dataset.getValue());
    }
    out.write("</div>\n");
  }

  private static void dataset(Writer out, String dataset, Map<String, Map<String, SpecStatus>> metrics)
      throws IOException {
    TreeSet<String> filters = new TreeSet<>(BANDS);
    metrics.values().forEach(byFilter -> filters.addAll(byFilter.keySet()));
    out.write("<section class=\"card spec-ds\" data-dataset=\"" + esc(dataset) + "\"><h3 title=\""
        + esc(dataset) + "\">" + esc(dataset.replaceFirst("^validation_data_", "")) + "</h3>"
        + "<div class=\"scroll\"><table class=\"specs\"><thead><tr><th>Metric</th>");
    for (String filter : filters) {
      out.write("<th class=\"flt\">" + esc(filter) + "</th>");
    }
    out.write("</tr></thead><tbody>\n");
    String lastPackage = null;
    for (var metric : metrics.entrySet()) {
      String name = metric.getKey();
      int dot = name.indexOf('.');
      String pkg = dot > 0 ? name.substring(0, dot) : "";
      if (!pkg.equals(lastPackage) && !pkg.isEmpty()) {
        out.write("<tr class=\"pkg\"><th colspan=\"" + (filters.size() + 1) + "\">" + esc(pkg)
            + "</th></tr>\n");
      }
      lastPackage = pkg;
      out.write("<tr><td class=\"metric\"><a href=\"#chart-of-" + esc(name) + "\" data-chart=\""
          + esc(name) + "\" title=\"" + esc(name) + "\">" + esc(name.substring(dot + 1)) + "</a></td>");
      for (String filter : filters) {
        SpecStatus s = metric.getValue().get(filter);
        out.write(s == null ? "<td></td>" : cell(s));
      }
      out.write("</tr>\n");
    }
    out.write("</tbody></table></div></section>\n");
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

  private static int band(String filter) {
    Matcher m = BAND.matcher(filter);
    return m.matches() ? "ugrizy".indexOf(Character.toLowerCase(m.group(1).charAt(0))) : 6;
  }

  private static String text(String value) {
    return Objects.requireNonNullElse(value, "(none)");
  }
}
