package io.squashinflux.report;

import static io.squashinflux.report.Html.esc;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the one self-contained HTML file: regressions, other changes, spec status, then the
 * charts (from the scratch file), with uPlot and the page's script inlined from the classpath.
 */
public final class ReportPage {
  static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";

  private ReportPage() {}

  /**
   * What the header says besides the counts.
   *
   * @param source where the data came from
   * @param made when the page was made
   * @param settings the detector's settings, as the options that set them
   * @param directions false when no spec gives any metric a direction
   */
  public record Header(String source, java.time.Instant made, String settings,
      boolean directions) {}

  /** Writes the page to {@code file} (ReportRun renames it over the page when it is whole). */
  public static void write(TrendReport.Result result, Header header, Path charts, Path file)
      throws IOException {
    writeTo(result, header, charts, file);
  }

  private static void writeTo(TrendReport.Result result, Header header, Path charts, Path file)
      throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
          + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          + "<title>SQuaSH trend report</title>\n<style>" + resource(UPLOT + "uPlot.min.css")
          + "\n" + resource("io/squashinflux/report/report.css") + "</style>\n<script>"
          + "window.squashReport={errors:[]};"
          + "window.addEventListener('error',function(e){window.squashReport.errors.push(String(e.message))});"
          + "(function(c){var e=c.error;c.error=function(){window.squashReport.errors.push("
          + "Array.prototype.join.call(arguments,' '));return e.apply(c,arguments)}})(console);"
          + "window.squashReport.findings=" + Html.scriptJson(ReportJson.of(result).toString())
          + ";</script>\n</head><body>\n");
      out.write("<header class=\"top\"><h1>SQuaSH trend report</h1><p>" + esc(header.source())
          + " · " + result.metrics() + " metrics, " + result.series() + " series, "
          + result.points() + " values" + span(result) + "</p><p>Made "
          + Html.date(header.made().getEpochSecond() * 1_000_000_000L) + " · detector: "
          + esc(header.settings()) + "</p></header>\n<main>\n");
      if (!header.directions()) {
        out.write("<p class=\"card warn\" id=\"no-direction\">No direction is known: no spec"
            + " says which way is worse for any metric, so no change can be called a regression."
            + " Sustained changes are listed under \"Other changes\" with an unknown direction;"
            + " give --specs or --squash-url.</p>\n");
      }
      FindingsTable.write(out, "regressions", "Regressions", result.events(true),
          header.directions() ? "No regression: no series shifted for the worse and stayed there."
              : "No regression known: without a direction, see the other changes below.",
          result.packagesRecorded());
      FindingsTable.write(out, "changes", "Other changes", result.events(false),
          "No other sustained change.", result.packagesRecorded());
      SpecTable.write(out, result.specs());
      if (result.unmatched().specs() > 0) {
        out.write("<p class=\"note\" id=\"specs-unmatched\">" + result.unmatched().specs()
            + " specs could not be matched: their metadata_query needs "
            + esc(String.join(", ", result.unmatched().terms())) + ", which no series carries as a"
            + " tag.</p>\n");
      }
      out.write("<h2 id=\"charts\">Charts</h2>\n<p class=\"note\">One chart per metric, grouped by"
          + " verification package; dashed lines are spec thresholds, drawn on the series they"
          + " apply to; vertical lines detected changes (red: for the worse). Hover a point for"
          + " its series and job; click it to open the job or CI run when the data has a link."
          + "</p>\n<div class=\"choose card\" id=\"choose\"><label>Dataset <select"
          + " id=\"choose-dataset\"><option value=\"\">all</option></select></label> <label>Filter"
          + " <select id=\"choose-filter\"><option value=\"\">all</option></select></label>"
          + " <button type=\"button\" id=\"show-all\">Show all series</button></div>\n");
      try (var in = Files.newBufferedReader(charts, StandardCharsets.UTF_8)) {
        in.transferTo(out);
      }
      out.write("</main>\n<script>" + resource(UPLOT + "uPlot.iife.min.js") + "</script>\n<script>"
          + resource("io/squashinflux/report/report.js") + "</script>\n</body></html>\n");
    }
  }

  private static String span(TrendReport.Result result) {
    return result.span().isEmpty() ? "" : ", " + Html.date(result.span().get(0)) + " to "
        + Html.date(result.span().get(1));
  }

  static String resource(String name) throws IOException {
    try (InputStream in = ReportPage.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing from the classpath: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
