package io.squashinflux.report;

import io.squashinflux.detect.Analysis;
import io.squashinflux.detect.Detector;
import io.squashinflux.detect.DetectorSettings;
import io.squashinflux.detect.Directions;
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
import java.util.List;

/**
 * Builds the trend report one metric at a time: read its series, find their shifts, look up the
 * packages that changed, note the spec status, and write its chart to a scratch file. Memory
 * holds one metric's points; the findings and statuses kept are small.
 */
public final class TrendReport {
  /** What a run found, for the page, the JSON and the command's summary. */
  public record Result(List<Finding> regressions, List<Finding> changes, List<SpecStatus> specs,
      int metrics, int series, long points) {

    public Result {
      regressions = List.copyOf(regressions);
      changes = List.copyOf(changes);
      specs = List.copyOf(specs);
    }

    /** This result listing only the findings {@code shown} accepts. */
    public Result only(java.util.function.Predicate<Finding> shown) {
      return new Result(regressions.stream().filter(shown).toList(),
          changes.stream().filter(shown).toList(), specs, metrics, series, points);
    }
  }

  private final MetricReader reader;
  private final PackageChanges packages;
  private final Analysis analysis;
  private final Specs specs;
  private final int maxPoints;

  public TrendReport(InfluxQuery query, ReadModel model, Specs specs, DetectorSettings settings,
      int maxPoints) {
    this(query, model, specs, Directions.of(specs), settings, maxPoints);
  }

  public TrendReport(InfluxQuery query, ReadModel model, Specs specs, Directions directions,
      DetectorSettings settings, int maxPoints) {
    this.reader = new MetricReader(query, model);
    this.packages = new PackageChanges(query, model);
    this.analysis = new Analysis(new Detector(settings), specs, directions);
    this.specs = specs;
    this.maxPoints = maxPoints;
  }

  /** Runs over these measurements (all when empty), writing the charts' sections to {@code charts}. */
  public Result run(List<String> measurements, Path charts) throws IOException {
    List<MetricField> fields = reader.metrics(measurements);
    List<Finding> regressions = new ArrayList<>();
    List<Finding> changes = new ArrayList<>();
    List<SpecStatus> statuses = new ArrayList<>();
    int seriesCount = 0;
    long points = 0;
    try (BufferedWriter out = Files.newBufferedWriter(charts, StandardCharsets.UTF_8)) {
      ChartSection section = new ChartSection(out);
      for (MetricField field : fields) {
        List<MetricSeries> series = reader.read(field);
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
        section.write(field, specs.unit(field.metric()),
            ChartData.of(field.metric(), specs.unit(field.metric()), series, found, specs, maxPoints),
            found);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    regressions.sort(Ranking.WORST_FIRST);
    changes.sort(Ranking.WORST_FIRST);
    return new Result(regressions, changes, statuses, fields.size(), seriesCount, points);
  }
}
