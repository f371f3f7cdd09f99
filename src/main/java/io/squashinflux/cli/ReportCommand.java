package io.squashinflux.cli;

import io.squashinflux.influx.InfluxTarget;
import io.squashinflux.net.HttpSettings;
import io.squashinflux.detect.DetectorSettings;
import io.squashinflux.detect.Finding;
import io.squashinflux.influx.InfluxQuery;
import io.squashinflux.series.ReadModel;
import io.squashinflux.series.SeriesException;
import io.squashinflux.report.ReportJson;
import io.squashinflux.report.ReportPage;
import io.squashinflux.specs.Specs;
import io.squashinflux.specs.SpecsException;
import io.squashinflux.report.TrendReport;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code report}: the trend report of what InfluxDB holds, as one HTML file and, on request, JSON. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    description = {
      "Read the metrics back from InfluxDB and write one self-contained HTML trend report:"
          + " regressions first (sustained shifts for the worse, with the packages that changed),"
          + " then the spec status, then a chart per metric. Opens from disk with no network.",
      "Which way is worse comes from the specs' operators (<= : lower is better); without specs"
          + " shifts are listed as changes of unknown direction, and the page and stderr say so."
    },
    footer = {
      "",
      "Examples:",
      "  squash-influx report --db squash --mapping squash --squash-url https://squash-restful-api.lsst.codes",
      "  squash-influx report --db squash-sandbox --specs verify_job.json -o trends.html \\",
      "      --json findings.json --fail-on-regression",
      "",
      "Exit codes: 0 report written; 1 a regression (or a change of unknown direction) was found"
          + " with --fail-on-regression, or InfluxDB could not be read; 2 usage or configuration"
          + " error, or the database holds no metric values."
    })
final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** When the page says it was made. */
  java.time.Clock clock = java.time.Clock.systemUTC();

  @Mixin InfluxOptions influx;

  @Option(names = "--mapping", paramLabel = "NAME|FILE", defaultValue = "notebook",
      description = "The data model the database was written with: notebook, squash or a mapping"
          + " file; it says which tags hold the dataset and filter (default: ${DEFAULT-VALUE}).")
  String mapping;

  @Mixin SpecsOptions reference;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "squash-report.html",
      description = "The HTML file to write (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(names = "--json", paramLabel = "FILE",
      description = "Also write the findings as JSON: regressions, changes, specs.")
  Path json;

  @Option(names = "--fail-on-regression",
      description = "Exit with code 1 when a regression is found (for CI and cron alerts); a"
          + " sustained change whose direction no spec gives fails too, so a run without specs"
          + " never passes by mistake.")
  boolean failOnRegression;

  @Option(names = "--measurement", paramLabel = "NAME",
      description = "Report only this measurement (repeatable; default: all but packages).")
  List<String> measurements = new ArrayList<>();

  @Option(names = "--window", paramLabel = "N", defaultValue = "5",
      description = "Fewest points a new level must hold, and before it (default: ${DEFAULT-VALUE}).")
  int window;

  @Option(names = "--max-window", paramLabel = "N", defaultValue = "30",
      description = "Most points on each side whose medians are compared (default: ${DEFAULT-VALUE}).")
  int maxWindow;

  @Option(names = "--threshold", paramLabel = "Z", defaultValue = "5",
      description = "Standard errors the two medians must differ by (default: ${DEFAULT-VALUE}).")
  double threshold;

  @Option(names = "--min-change", paramLabel = "FRACTION", defaultValue = "0.1",
      description = "Smallest relative change reported, 0.1 = 10%% (default: ${DEFAULT-VALUE}).")
  double minChange;

  @Option(names = "--max-points", paramLabel = "N", defaultValue = "2000",
      description = "Most points drawn per line; longer series are decimated for drawing only,"
          + " never for detection (default: ${DEFAULT-VALUE}).")
  int maxPoints;

  @Option(names = "--verbose", description = "Print stack traces of errors.")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    DetectorSettings settings;
    try {
      settings = new DetectorSettings(window, maxWindow, threshold, minChange);
    } catch (IllegalArgumentException e) {
      throw new UserError("detection settings: " + e.getMessage());
    }
    if (maxPoints < 10) {
      throw new UserError("--max-points must be at least 10, was " + maxPoints);
    }
    HttpSettings http = http();
    InfluxTarget target = influx.target(http);
    ReadModel model = ReadModel.of(ModelOptions.mapping(mapping));
    Specs thresholds = specs(target.http());
    Path charts = scratch(output);
    try {
      TrendReport.Result result;
      try {
        result = new TrendReport(new InfluxQuery(target), model, thresholds, settings, maxPoints)
            .run(measurements, charts);
      } catch (SeriesException e) {
        throw new UserError(e.getMessage());
      }
      if (result.points() == 0) {
        throw new UserError("database \"" + target.database() + "\"" + (target.retentionPolicy()
            == null ? "" : ", retention policy \"" + target.retentionPolicy() + "\",")
            + " holds no metric values that mapping " + model.mapping().name() + " reads ("
            + result.metrics() + " metrics): nothing to report; check --db, --rp and --mapping");
      }
      String source = "InfluxDB " + target.url() + ", database " + target.database()
          + (target.retentionPolicy() == null ? "" : ", retention policy " + target.retentionPolicy())
          + ", mapping " + model.mapping().name();
      boolean directions = thresholds != Specs.NONE;
      ReportPage.write(result, new ReportPage.Header(source, clock.instant(), settings(),
          directions), charts, output);
      if (json != null) {
        ReportJson.write(result, json);
      }
      print(spec.commandLine().getOut(), result);
      List<Finding> unknown = result.unknownDirection();
      if (!unknown.isEmpty()) {
        spec.commandLine().getErr().println("squash-influx: no direction is known for "
            + unknown.size() + (unknown.size() == 1 ? " sustained change" : " sustained changes")
            + " (no spec says which way is worse" + (directions ? " for their metrics" : "")
            + "); give --specs or --squash-url" + (failOnRegression
                ? "; --fail-on-regression counts them as failures" : ""));
        spec.commandLine().getErr().flush();
      }
      boolean failed = !result.regressions().isEmpty() || !unknown.isEmpty();
      return failOnRegression && failed ? Main.INCOMPLETE : Main.OK;
    } finally {
      Files.deleteIfExists(charts);
    }
  }

  /** The detector's settings as the options that set them, for the page's header. */
  private String settings() {
    return String.format(java.util.Locale.ROOT, "--window %d --max-window %d --threshold %s"
        + " --min-change %s", window, maxWindow, threshold, minChange);
  }

  /**
   * The charts' scratch file, beside the page (so nothing is left in the temporary folder, and a
   * folder that cannot be written is found before any metric is read).
   */
  private static Path scratch(Path output) {
    Path folder = output.toAbsolutePath().getParent();
    if (!Files.isDirectory(folder)) {
      throw new UserError("cannot write " + output + ": the folder " + folder
          + " does not exist; create it or give another -o");
    }
    try {
      Path charts = Files.createTempFile(folder, "." + output.getFileName() + ".", ".charts");
      charts.toFile().deleteOnExit();
      return charts;
    } catch (java.io.IOException e) {
      throw new UserError("cannot write " + output + " in " + folder + " ("
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
          + "): check the folder's permissions or give another -o");
    }
  }

  /** Proxies from the environment, as for sync; a whole metric is read in one exchange. */
  private HttpSettings http() {
    try {
      return HttpSettings.defaults().withTimeouts(influx.timeout, java.time.Duration.ofMinutes(10));
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  private Specs specs(HttpSettings http) {
    try {
      if (reference.specs != null) {
        return Specs.load(reference.specs, http);
      }
      URI squashUrl = reference.squashUrl();
      return squashUrl == null ? Specs.NONE : Specs.fromSquash(squashUrl, http);
    } catch (SpecsException e) {
      throw new UserError(e.getMessage());
    }
  }

  private void print(PrintWriter out, TrendReport.Result result) {
    out.printf("Report:      %s (%d metrics, %d series, %d values)%n", output.toAbsolutePath(),
        result.metrics(), result.series(), result.points());
    if (json != null) {
      out.println("Findings:    " + json.toAbsolutePath());
    }
    out.printf("Regressions: %d%n", result.regressions().size());
    result.regressions().forEach(f -> out.println("  " + line(f)));
    out.printf("Changes:     %d (shifts for the better, or with no spec saying which way is worse)%n",
        result.changes().size());
    result.unknownDirection().forEach(f -> out.println("  " + line(f) + " (direction unknown)"));
    out.flush();
  }

  /** One finding on one line, as the demo prints it too; text from the data made visible. */
  static String line(Finding f) {
    String unit = f.unit() == null || f.unit().isEmpty() ? "" : " " + f.unit();
    return io.squashinflux.ledger.Visible.of(String.format(java.util.Locale.ROOT, "%s on %s / %s: %+.1f%% (%.4g -> %.4g%s) from %s%s%s",
        f.metric(), f.dataset(), f.filter(), f.change() * 100, f.before(), f.after(), unit,
        ReportJson.isoDate(f.at()), f.job() == null ? "" : ", job " + f.job(),
        f.packagesChanged().isEmpty() ? "" : "; packages changed: " + String.join(", ", f.packagesChanged())));
  }
}
