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
import java.util.Comparator;
import java.util.List;

/**
 * Builds the trend report one metric at a time: read its series, find their shifts, look up the
 * packages that changed, note the spec status, and write its chart to a scratch file. Memory
 * holds one metric's points; the findings and statuses kept are small.
 */
public final class TrendReport {
  /** What a run found, for the page, the JSON and the command's summary. */
  /**
   * What a run found, for the page, the JSON and the command's summary.
   *
   * @param regressions the findings for the worse, an event's findings next to each other
   * @param changes the other findings, grouped the same way
   * @param events the findings grouped into events, worst first
   * @param packagesRecorded false when the database keeps no package versions at all
   * @param span the first and last time (ns) of the values read, or empty when there are none
   */
  public record Result(List<Finding> regressions, List<Finding> changes, List<Event> events,
      List<SpecStatus> specs, int metrics, int series, long points, boolean packagesRecorded,
      List<Long> span, Analysis.Unmatched unmatched) {

    /** A result with every spec matched, or none to match, and no events or span. */
    public Result(List<Finding> regressions, List<Finding> changes, List<SpecStatus> specs,
        int metrics, int series, long points) {
      this(regressions, changes, List.of(), specs, metrics, series, points, true, List.of(),
          new Analysis.Unmatched(0, List.of()));
    }

    public Result {
      regressions = List.copyOf(regressions);
      changes = List.copyOf(changes);
      events = List.copyOf(events);
      specs = List.copyOf(specs);
      span = List.copyOf(span);
    }

    /** The changes no spec gives a direction to: with --fail-on-regression these fail too. */
    public List<Finding> unknownDirection() {
      return changes.stream().filter(Finding::directionUnknown).toList();
    }

    /** The events of regressions (true) or of other changes (false), worst first. */
    public List<Event> events(boolean regression) {
      return events.stream().filter(e -> e.findings().get(0).regression() == regression).toList();
    }

    /** This result listing only the findings {@code shown} accepts. */
    public Result only(java.util.function.Predicate<Finding> shown) {
      return new Result(regressions.stream().filter(shown).toList(),
          changes.stream().filter(shown).toList(), events.stream()
              .filter(e -> e.findings().stream().anyMatch(shown)).toList(), specs, metrics,
          series, points, packagesRecorded, span, unmatched);
    }
  }

  /** Events in the order of their worst findings ({@link Ranking#WORST_FIRST}). */
  private static final Comparator<Event> WORST_FIRST =
      Comparator.comparing((Event e) -> e.findings().get(0), Ranking.WORST_FIRST);

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
    List<String> terms = List.copyOf(specs.terms());
    List<Event> events = new ArrayList<>();
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
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
          if (!s.points().isEmpty()) {
            first = Math.min(first, s.points().get(0).time());
            last = Math.max(last, s.points().get(s.points().size() - 1).time());
          }
          for (Finding f : analysis.shifts(s)) {
            found.add(f.withPackages(packages.of(field, f)));
          }
          analysis.status(s).ifPresent(statuses::add);
        }
        events.addAll(Event.of(found));
        section.write(field, specs.unit(field.metric()), specs.definition(field.metric()),
            ChartData.of(field.metric(), specs.unit(field.metric()), series, found, specs, maxPoints),
            found);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    events.sort(WORST_FIRST);
    List<Finding> regressions = new ArrayList<>();
    List<Finding> changes = new ArrayList<>();
    for (Event e : events) {
      (e.findings().get(0).regression() ? regressions : changes).addAll(e.findings());
    }
    return new Result(regressions, changes, events, statuses, fields.size(), seriesCount, points,
        packages.recorded(), points == 0 ? List.of() : List.of(first, last),
        analysis.unmatched());
  }
}
