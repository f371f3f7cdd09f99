package io.squashinflux.report;

import io.squashinflux.detect.Finding;
import static io.squashinflux.report.Html.esc;
import static io.squashinflux.report.Html.num;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** The table of regressions (or of other changes), worst first. */
final class FindingsTable {
  private FindingsTable() {}

  static void write(Writer out, String id, String title, List<Finding> findings, String none)
      throws IOException {
    out.write("<h2 id=\"" + id + "\">" + title + " <span class=\"count\">(" + findings.size()
        + ")</span></h2>\n");
    if (findings.isEmpty()) {
      out.write("<p class=\"card empty\">" + esc(none) + "</p>\n");
      return;
    }
    // On a narrow window the table scrolls inside its box, never the whole page.
    out.write("<div class=\"scroll\"><table class=\"findings\" id=\"" + id + "-table\"><thead><tr><th>Metric</th>"
        + "<th>Dataset / filter</th><th class=\"num\">Before</th><th class=\"num\">After</th>"
        + "<th class=\"num\">Change</th><th>How sure</th><th>First shifted point</th><th>Packages changed</th>"
        + "</tr></thead><tbody>\n");
    for (Finding f : findings) {
      String unit = Html.unit(f.unit());
      out.write("<tr class=\"" + esc(f.direction()) + "\" data-metric=\"" + esc(f.metric())
          + "\" data-dataset=\"" + esc(f.dataset()) + "\" data-filter=\"" + esc(f.filter())
          + "\" data-at=\"" + ReportJson.iso(f.at()) + "\"><td><a href=\"#chart-of-"
          + esc(f.metric()) + "\" data-chart=\"" + esc(f.metric()) + "\">" + esc(f.metric())
          + "</a></td><td>" + esc(ChartData.label(f)) + "</td><td class=\"num\">" + num(f.before())
          + unit + "</td><td class=\"num\">" + num(f.after()) + unit + "</td><td class=\"num change\">"
          + change(f) + "<br>" + Html.signed(f.after() - f.before()) + unit
          + "</td><td class=\"sure\">" + esc(f.evidence().sureness()) + "<br><small>"
          + esc(f.evidence().sides()) + crosses(f) + "</small></td><td class=\"when\">" + Html.date(f.at()) + "<br>" + job(f) + "</td><td class=\"pkgs\">"
          + (f.packagesChanged().isEmpty() ? "<span class=\"none\">none recorded</span>"
              : esc(String.join(", ", f.packagesChanged()))) + "</td></tr>\n");
    }
    out.write("</tbody></table></div>\n");
  }

  /** The relative change, or n/a from a level of zero where no ratio says how large it is. */
  static String change(Finding f) {
    return f.change().isPresent() ? Html.percent(f.change().getAsDouble())
        : "<span title=\"from a level of zero: no relative change\">n/a</span>";
  }

  private static String crosses(Finding f) {
    return f.crosses().isEmpty() ? "" : "<br>crosses " + esc(String.join(", ", f.crosses()));
  }

  private static String job(Finding f) {
    StringBuilder text = new StringBuilder();
    if (f.job() != null) {
      text.append("job ").append(f.job());
    }
    if (f.run() != null) {
      text.append(text.length() > 0 ? " · " : "").append("CI run ").append(esc(f.run()));
    }
    if (text.length() == 0) {
      text.append("<span class=\"none\">job not recorded</span>");
    }
    return f.url() == null ? text.toString()
        : "<a href=\"" + esc(f.url()) + "\">" + text + "</a>";
  }
}
