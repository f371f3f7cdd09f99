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

  /** Writes the page to {@code file}; {@code source} says where the data came from. */
  public static void write(TrendReport.Result result, String source, Path charts, Path file)
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
      out.write("<header class=\"top\"><h1>SQuaSH trend report</h1><p>" + esc(source) + " · "
          + result.metrics() + " metrics, " + result.series() + " series, " + result.points()
          + " values</p></header>\n<main>\n");
      FindingsTable.write(out, "regressions", "Regressions", result.regressions(),
          "No regression: no series shifted for the worse and stayed there.");
      FindingsTable.write(out, "changes", "Other changes", result.changes(),
          "No other sustained change.");
      SpecTable.write(out, result.specs());
      out.write("<h2 id=\"charts\">Charts</h2>\n<p class=\"note\">One chart per metric, grouped by"
          + " verification package; dashed lines are spec thresholds, vertical lines detected"
          + " changes (red: for the worse). Hover a point for its job, click it to open the job or"
          + " CI run.</p>\n");
      try (var in = Files.newBufferedReader(charts, StandardCharsets.UTF_8)) {
        in.transferTo(out);
      }
      out.write("</main>\n<script>" + resource(UPLOT + "uPlot.iife.min.js") + "</script>\n<script>"
          + resource("io/squashinflux/report/report.js") + "</script>\n</body></html>\n");
    }
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
