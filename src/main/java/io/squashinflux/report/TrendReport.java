package io.squashinflux.report;

import io.squashinflux.detect.Analysis;
import io.squashinflux.detect.Detector;
import io.squashinflux.detect.DetectorSettings;
import io.squashinflux.detect.Finding;
import io.squashinflux.influx.InfluxQuery;
import io.squashinflux.series.MetricField;
import io.squashinflux.series.MetricReader;
import io.squashinflux.series.MetricSeries;
import io.squashinflux.series.ReadModel;
import io.squashinflux.specs.SpecStatus;
import io.squashinflux.specs.Specs;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds the trend report one metric at a time: read its series, find their shifts, look up the
 * packages that changed, note the spec status, and write its chart to a scratch file. Memory
 * holds one metric's points; the findings and statuses kept are small.
 */
public final class TrendReport {
  /** What a run found, for the page, the JSON and the command's summary. */
  public record Result(List<Finding> regressions, List<Finding> changes, List<SpecStatus> specs,
      int metrics, int series, long points, Analysis.Unmatched unmatched) {

    /** A result with every spec matched, or none to match. */
    public Result(List<Finding> regressions, List<Finding> changes, List<SpecStatus> specs,
        int metrics, int series, long points) {
      this(regressions, changes, specs, metrics, series, points, new Analysis.Unmatched(0, List.of()));
    }

    public Result {
      regressions = List.copyOf(regressions);
      changes = List.copyOf(changes);
      specs = List.copyOf(specs);
    }
  }

  private static final Comparator<Finding> WORST_FIRST =
      Comparator.comparingDouble((Finding f) -> -Math.abs(f.change()))
          .thenComparing(Finding::metric).thenComparingLong(Finding::at);

  private final MetricReader reader;
  private final PackageChanges packages;
  private final Analysis analysis;
  private final Specs specs;
  private final int maxPoints;

  public TrendReport(InfluxQuery query, ReadModel model, Specs specs, DetectorSettings settings,
      int maxPoints) {
    this.reader = new MetricReader(query, model);
    this.packages = new PackageChanges(query, model);
    this.analysis = new Analysis(new Detector(settings), specs);
    this.specs = specs;
    this.maxPoints = maxPoints;
  }

  /** Runs over these measurements (all when empty), writing the charts' sections to {@code charts}. */
  public Result run(List<String> measurements, Path charts) throws IOException {
    List<MetricField> fields = reader.metrics(measurements);
    List<String> terms = List.copyOf(specs.terms());
    List<Finding> regressions = new ArrayList<>();
    List<Finding> changes = new ArrayList<>();
    List<SpecStatus> statuses = new ArrayList<>();
    int seriesCount = 0;
    long points = 0;
    try (BufferedWriter out = Files.newBufferedWriter(charts, StandardCharsets.UTF_8)) {
      ChartSection section = new ChartSection(out);
      for (MetricField field : fields) {
        List<MetricSeries> series = reader.read(field, terms);
        List<Finding> found = new ArrayList<>();
        for (MetricSeries s : series) {
          seriesCount++;
          points += s.points().size();
          for (Finding f : analysis.shifts(s)) {
            found.add(f.withPackages(packages.of(field, f)));
          }
          analysis.status(s).ifPresent(statuses::add);
        }
        found.forEach(f -> (f.regression() ? regressions : changes).add(f));
        section.write(field, specs.unit(field.metric()), specs.definition(field.metric()),
            ChartData.of(field.metric(), specs.unit(field.metric()), series, found, specs, maxPoints),
            found);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    regressions.sort(WORST_FIRST);
    changes.sort(WORST_FIRST);
    return new Result(regressions, changes, statuses, fields.size(), seriesCount, points,
        analysis.unmatched());
  }
}
