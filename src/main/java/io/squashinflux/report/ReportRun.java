package io.squashinflux.report;

import io.squashinflux.detect.DetectorSettings;
import io.squashinflux.detect.Finding;
import io.squashinflux.influx.InfluxQuery;
import io.squashinflux.influx.InfluxTarget;
import io.squashinflux.series.ReadModel;
import io.squashinflux.specs.Specs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The {@code report} command's work, which the demo runs too: read the database, detect, write
 * the page (and the findings file), and say what was found.
 *
 * @param output the HTML file
 * @param findings the findings' JSON file, or null for none
 */
public record ReportRun(InfluxTarget target, ReadModel model, Specs specs,
    DetectorSettings settings, int maxPoints, List<String> measurements, Path output,
    Path findings) {

  /** Writes the report and prints where, with the regressions and the count of changes. */
  public TrendReport.Result run(PrintWriter out) throws IOException {
    Path charts = Files.createTempFile("squash-report-", ".charts");
    try {
      TrendReport.Result result = new TrendReport(new InfluxQuery(target), model, specs, settings,
          maxPoints).run(measurements, charts);
      String source = "InfluxDB " + target.url() + ", database " + target.database()
          + ", mapping " + model.mapping().name();
      ReportPage.write(result, source, charts, output);
      if (findings != null) {
        ReportJson.write(result, findings);
      }
      print(out, result);
      return result;
    } finally {
      Files.deleteIfExists(charts);
    }
  }

  private void print(PrintWriter out, TrendReport.Result result) {
    out.printf("Report:      %s (%d metrics, %d series, %d values)%n", output.toAbsolutePath(),
        result.metrics(), result.series(), result.points());
    if (findings != null) {
      out.println("Findings:    " + findings.toAbsolutePath());
    }
    out.printf("Regressions: %d%n", result.regressions().size());
    result.regressions().forEach(f -> out.println("  " + line(f)));
    out.printf("Changes:     %d (shifts for the better, or with no spec saying which way is worse)%n",
        result.changes().size());
    out.flush();
  }

  /** One finding on one line. */
  static String line(Finding f) {
    String unit = f.unit() == null || f.unit().isEmpty() ? "" : " " + f.unit();
    return String.format(Locale.ROOT, "%s on %s / %s: %+.1f%% (%.4g -> %.4g%s) from %s%s%s",
        f.metric(), f.dataset(), f.filter(), f.change() * 100, f.before(), f.after(), unit,
        ReportJson.isoDate(f.at()), f.job() == null ? "" : ", job " + f.job(),
        f.packagesChanged().isEmpty() ? ""
            : "; packages changed: " + String.join(", ", f.packagesChanged()));
  }
}
