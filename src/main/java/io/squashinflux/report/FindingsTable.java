package io.squashinflux.report;

import io.squashinflux.detect.Finding;
import io.squashinflux.detect.PackageChange;
import static io.squashinflux.report.Html.esc;
import static io.squashinflux.report.Html.num;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The table of regressions (or of other changes), worst event first: an event seen on several
 * filters of a dataset is a group row naming what its filters share, then a row per filter. Each
 * row links to its chart with its series picked out.
 */
final class FindingsTable {
  private FindingsTable() {}

  static void write(Writer out, String id, String title, List<Event> events, String none,
      boolean packagesRecorded) throws IOException {
    int count = events.stream().mapToInt(e -> e.findings().size()).sum();
    out.write("<h2 id=\"" + id + "\">" + title + " <span class=\"count\">(" + count
        + (events.size() == count ? "" : " in " + events.size() + (events.size() == 1 ? " event"
            : " events")) + ")</span></h2>\n");
    if (events.isEmpty()) {
      out.write("<p class=\"card empty\">" + esc(none) + "</p>\n");
      return;
    }
    // On a narrow window the table scrolls inside its box, never the whole page; the shadow at
    // its edge says there is more.
    out.write("<div class=\"scroll\" tabindex=\"0\"><table class=\"findings\" id=\"" + id
        + "-table\"><thead><tr><th>Metric</th><th class=\"spark\" title=\"the"
        + " series around the change; dashed: its level before and after\">Trend</th><th>Dataset / filter</th><th class=\"num\">Before</th>"
        + "<th class=\"num\">After</th><th class=\"num\">Change</th><th>How sure</th><th>First shifted point</th>"
        + "<th>Packages changed</th></tr></thead><tbody>\n");
    for (Event e : events) {
      if (e.findings().size() > 1) {
        Finding first = e.findings().get(0);
        out.write("<tr class=\"event " + esc(first.direction()) + "\" data-metric=\""
            + esc(e.metric()) + "\" data-dataset=\"" + esc(e.dataset()) + "\"><td><a href=\""
            + href(first, false) + "\">" + esc(e.metric()) + "</a></td>" + spark(first, false)
            + "<td colspan=\"7\">" + esc(e.dataset() == null ? "(no dataset)" : e.dataset())
            + ": one change on " + e.findings().size() + " filters (" + esc(String.join(", ",
                e.findings().stream().map(f -> String.valueOf(f.filter())).toList()))
            + ")<div class=\"pkgs shared\">Packages changed for all of them: "
            + packages(e.shared(), packagesRecorded) + "</div></td></tr>\n");
      }
      for (Finding f : e.findings()) {
        row(out, f, e.findings().size() > 1, packagesRecorded);
      }
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

  private static void row(Writer out, Finding f, boolean inEvent, boolean packagesRecorded)
      throws IOException {
    String unit = Html.unit(f.unit());
    out.write("<tr class=\"" + esc(f.direction()) + (inEvent ? " member" : "") + "\" data-metric=\""
        + esc(f.metric()) + "\" data-dataset=\"" + esc(f.dataset()) + "\" data-filter=\""
        + esc(f.filter()) + "\" data-at=\"" + ReportJson.iso(f.at()) + "\"><td><a href=\""
        + href(f, true) + "\" data-chart=\"" + esc(f.metric()) + "\">" + esc(f.metric())
        + "</a></td>" + spark(f, true) + "<td>" + esc(ChartData.label(f))
        + "</td><td class=\"num\">" + num(f.before())
        + unit + "</td><td class=\"num\">" + num(f.after()) + unit + "</td><td class=\"num change\">"
        + change(f) + "<br>" + Html.signed(f.after() - f.before()) + unit
        + (f.directionUnknown() ? "<br><span class=\"none\">direction unknown</span>" : "")
        + "</td><td class=\"sure\">" + esc(f.evidence().sureness()) + "<br><small>"
        + esc(f.evidence().sides()) + crosses(f) + "</small></td><td class=\"when\">" + Html.date(f.at()) + "<br>" + job(f) + "</td><td class=\"pkgs\">"
        + (inEvent ? "<span class=\"none\">see the event</span>"
            : packages(f.packages(), packagesRecorded)) + "</td></tr>\n");
  }

  /**
   * The cell of the small chart beside a row: report.js draws it from the chart's data already in
   * the page (the series around the change, its levels before and after), so it costs the page
   * only this cell. It links where the row's metric does.
   */
  private static String spark(Finding f, boolean series) {
    return "<td class=\"spark\"><a href=\"" + href(f, series) + "\" aria-label=\"the chart of "
        + esc(f.metric()) + "\"></a></td>";
  }

  /** The chart of the finding's metric; with {@code series}, that series picked out. */
  private static String href(Finding f, boolean series) {
    String hash = "chart-of-" + f.metric() + (series ? "|" + (f.dataset() == null ? "" : f.dataset())
        + "|" + (f.filter() == null ? "" : f.filter()) : "|" + (f.dataset() == null ? "" : f.dataset()));
    return "#" + esc(java.net.URLEncoder.encode(hash, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20"));
  }

  private static String packages(List<PackageChange> packages, boolean recorded) {
    if (!recorded) {
      return "<span class=\"none\">not recorded: <code>sync --packages</code> records the"
          + " package versions</span>";
    }
    if (packages.isEmpty()) {
      return "<span class=\"none\">none changed</span>";
    }
    StringBuilder out = new StringBuilder();
    for (PackageChange p : packages) {
      String text = esc(p.name()) + (p.sha() == null ? "" : " <span class=\"sha\">"
          + esc(p.sha().length() > 8 ? p.sha().substring(0, 8) : p.sha()) + "</span>");
      out.append(out.length() == 0 ? "" : ", ").append(p.url() == null ? text
          : "<a href=\"" + esc(p.url()) + "\">" + text + "</a>");
    }
    return out.toString();
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
