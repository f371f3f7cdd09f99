package io.squashinflux.report;

import io.squashinflux.detect.DetectorSettings;
import io.squashinflux.detect.Directions;
import io.squashinflux.detect.Finding;
import io.squashinflux.influx.InfluxQuery;
import io.squashinflux.influx.InfluxTarget;
import io.squashinflux.series.ReadModel;
import io.squashinflux.series.SeriesException;
import io.squashinflux.specs.Specs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.function.Predicate;
import java.util.Locale;

/**
 * The {@code report} command's work, which the demo and {@code watch --report} run too: read the
 * database, detect, and write the page (and the findings file), each replaced whole so that a
 * reader never sees half of one. {@code since} narrows what is listed, never what detection reads.
 *
 * @param since the earliest change time listed, in ns, or {@link Long#MIN_VALUE} for all
 * @param output the HTML file
 * @param findings the findings' JSON file, or null for none
 */
public record ReportRun(InfluxTarget target, ReadModel model, Specs specs,
    DetectorSettings settings, int maxPoints, List<String> measurements, long since, Path output,
    Path findings, Directions directions, Predicate<Finding> shown) {

  public ReportRun {
    measurements = List.copyOf(measurements);
  }

  /** Directions from the specs alone, every finding listed. */
  public ReportRun(InfluxTarget target, ReadModel model, Specs specs, DetectorSettings settings,
      int maxPoints, List<String> measurements, long since, Path output, Path findings) {
    this(target, model, specs, settings, maxPoints, measurements, since, output, findings,
        Directions.of(specs), f -> true);
  }

  /** Where the data is, as the page and the messages name it. */
  public String source() {
    return "InfluxDB " + target.url() + ", database " + target.database()
        + (target.retentionPolicy() == null ? "" : ", retention policy " + target.retentionPolicy())
        + ", mapping " + model.mapping().name();
  }

  /** The detector's settings as the options that set them, for the page's header. */
  String settingsText() {
    return String.format(Locale.ROOT, "--window %d --max-window %d --false-alarm %s --min-change %s",
        settings.window(), settings.maxWindow(), settings.falseAlarm(), settings.minChange());
  }

  /** Writes the report and prints where, with the regressions and the count of changes. */
  public TrendReport.Result run(PrintWriter out) throws IOException {
    TrendReport.Result result = write();
    print(out, result);
    out.flush();
    return result;
  }

  /** Writes the page and the findings file; the result lists only what is at or after since. */
  public TrendReport.Result write() throws IOException {
    Path charts = scratch(output);
    try {
      TrendReport.Result all = new TrendReport(new InfluxQuery(target), model, specs, directions,
          settings, maxPoints).run(measurements, charts);
      if (all.points() == 0) {
        throw new SeriesException("database \"" + target.database() + "\""
            + (target.retentionPolicy() == null ? "" : ", retention policy \""
                + target.retentionPolicy() + "\",") + " holds no metric values that mapping "
            + model.mapping().name() + " reads (" + all.metrics() + " metrics): nothing to report;"
            + " check --db, --rp and --mapping");
      }
      TrendReport.Result result = since(all).only(shown);
      ReportPage.Header header = new ReportPage.Header(source(), java.time.Instant.now(),
          settingsText(), specs != Specs.NONE);
      replace(output, file -> ReportPage.write(result, header, charts, file));
      if (findings != null) {
        replace(findings, file -> ReportJson.write(result, file));
      }
      return result;
    } finally {
      Files.deleteIfExists(charts);
    }
  }

  /** The lines every caller prints: where the page is, the regressions, the count of changes. */
  public void print(PrintWriter out, TrendReport.Result result) {
    out.printf("Report:      %s (%d metrics, %d series, %d values)%n", output.toAbsolutePath(),
        result.metrics(), result.series(), result.points());
    if (findings != null) {
      out.println("Findings:    " + findings.toAbsolutePath());
    }
    out.printf("Regressions: %d%n", result.regressions().size());
    result.regressions().forEach(f -> out.println("  " + line(f)));
    out.printf("Changes:     %d (shifts for the better, or with no spec saying which way is worse)%n",
        result.changes().size());
    result.unknownDirection().forEach(f -> out.println("  " + line(f) + " (direction unknown)"));
    if (result.unmatched().specs() > 0) {
      out.printf("Specs:       %d could not be matched: their metadata_query needs %s, which no"
          + " series carries as a tag%n", result.unmatched().specs(),
          String.join(", ", result.unmatched().terms()));
    }
    specs.notes().forEach(note -> out.println("Specs:       " + note));
  }

  /**
   * The charts' scratch file, beside the page (nothing left in the temporary folder, and a
   * folder that cannot be written is found before any metric is read).
   */
  private static Path scratch(Path output) throws IOException {
    Path folder = output.toAbsolutePath().getParent();
    if (!Files.isDirectory(folder)) {
      throw new SeriesException("cannot write " + output + ": the folder " + folder
          + " does not exist; create it or give another -o");
    }
    Path charts = Files.createTempFile(folder, "." + output.getFileName() + ".", ".charts");
    charts.toFile().deleteOnExit();
    return charts;
  }

  /** One finding on one line; text from the data made visible for a terminal. */
  static String line(Finding f) {
    String unit = f.unit() == null || f.unit().isEmpty() ? "" : " " + f.unit();
    String change = f.change().isPresent()
        ? String.format(Locale.ROOT, "%+.1f%%", f.change().getAsDouble() * 100) : "n/a (from 0)";
    return io.squashinflux.ledger.Visible.of(String.format(Locale.ROOT,
        "%s on %s / %s: %s (%.4g -> %.4g%s; %s; %s%s) from %s%s%s",
        f.metric(), f.dataset(), f.filter(), change, f.before(), f.after(), unit,
        f.evidence().sureness(), f.evidence().sides(),
        f.crosses().isEmpty() ? "" : "; crosses " + String.join(", ", f.crosses()),
        ReportJson.isoDate(f.at()), f.job() == null ? "" : ", job " + f.job(),
        f.packagesChanged().isEmpty() ? ""
            : "; packages changed: " + String.join(", ", f.packagesChanged())));
  }

  private TrendReport.Result since(TrendReport.Result r) {
    if (since == Long.MIN_VALUE) {
      return r;
    }
    List<Event> events = r.events().stream()
        .map(e -> new Event(e.metric(), e.dataset(), e.findings().stream()
            .filter(f -> f.at() >= since).toList(), e.shared()))
        .filter(e -> !e.findings().isEmpty()).toList();
    return new TrendReport.Result(r.regressions().stream().filter(f -> f.at() >= since).toList(),
        r.changes().stream().filter(f -> f.at() >= since).toList(), events, r.specs(), r.metrics(),
        r.series(), r.points(), r.packagesRecorded(), r.span(), r.unmatched());
  }

  private interface Writing {
    void to(Path file) throws IOException;
  }

  /** Writes a sibling file, then renames it over {@code target}. */
  private static void replace(Path target, Writing writing) throws IOException {
    Path folder = target.toAbsolutePath().getParent();
    Path temp = Files.createTempFile(folder, "." + target.getFileName(), ".tmp");
    try {
      writing.to(temp);
      try { // a temporary file is private; the page is for reading
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the folder's permissions apply.
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
