package io.squashinflux.detect;

import io.squashinflux.series.MetricSeries;
import io.squashinflux.series.Point;
import io.squashinflux.specs.Spec;
import io.squashinflux.specs.SpecStatus;
import io.squashinflux.specs.Specs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What one series says: its shifts, each with the direction its specs give, and its spec status. */
public final class Analysis {
  private static final List<String> ORDER = List.of("stretch", "design", "minimum");

  private final Detector detector;
  private final Specs specs;
  private final Directions directions;
  private final Set<String> missed = new TreeSet<>();
  private final Set<String> matchable = new HashSet<>();
  private final Set<String> missingTerms = new TreeSet<>();

  /**
   * Specs that applied to no series because a term of their metadata_query is one no series of
   * their metric carries ({@code instrument} when the data has no such tag).
   *
   * @param terms the terms missing, sorted
   */
  public record Unmatched(int specs, List<String> terms) {}

  public Analysis(Detector detector, Specs specs, Directions directions) {
    this.detector = detector;
    this.specs = specs;
    this.directions = directions;
  }

  /** The shifts of a series, oldest first, packages not yet looked up. */
  public List<Finding> shifts(MetricSeries series) {
    List<Finding> out = new ArrayList<>();
    Optional<Boolean> lowerIsBetter = directions.lowerIsBetter(series.metric());
    Map<String, Spec> levels = specs.levels(series.metric(), series.dataset(), series.filter(),
        series.terms());
    for (Shift shift : detector.detect(series.values())) {
      Point first = series.points().get(shift.index());
      Point lastGood = series.points().get(shift.index() - 1);
      String direction = lowerIsBetter
          .map(lower -> (shift.after() > shift.before()) == lower ? "worse" : "better")
          .orElse("unknown");
      out.add(new Finding(series.metric(), series.dataset(), series.filter(), first.time(),
          lastGood.time(), shift.before(), shift.after(), direction, first.job(), first.run(),
          first.url(), List.of(), specs.unit(series.metric()), shift.evidence(),
          crossed(levels, shift)));
    }
    return out;
  }

  /** The levels met on one side of the shift and not on the other, in the specs' order. */
  private static List<String> crossed(Map<String, Spec> levels, Shift shift) {
    List<String> out = new ArrayList<>();
    levels.forEach((level, spec) -> {
      if (spec.passes(shift.before()) != spec.passes(shift.after())) {
        out.add(level);
      }
    });
    return out;
  }

  /** The specs of the series seen so far that could not be matched for want of a term. */
  public Unmatched unmatched() {
    Set<String> never = new TreeSet<>(missed);
    never.removeAll(matchable);
    return new Unmatched(never.size(), List.copyOf(missingTerms));
  }

  /** The latest value against the thresholds that apply, or empty when none does. */
  public Optional<SpecStatus> status(MetricSeries series) {
    if (series.points().isEmpty()) {
      return Optional.empty();
    }
    for (Spec spec : specs.of(series.metric())) {
      List<String> missing = spec.missing(series.terms());
      (missing.isEmpty() ? matchable : missed).add(spec.name());
      missingTerms.addAll(missing);
    }
    Map<String, Spec> levels = specs.levels(series.metric(), series.dataset(), series.filter(),
        series.terms());
    if (levels.isEmpty()) {
      return Optional.empty();
    }
    Point latest = series.points().get(series.points().size() - 1);
    List<SpecStatus.Level> out = new ArrayList<>();
    List<String> names = new ArrayList<>(levels.keySet());
    names.sort(java.util.Comparator.comparingInt(l -> ORDER.contains(l) ? ORDER.indexOf(l) : 9));
    for (String level : names) {
      Spec spec = levels.get(level);
      out.add(new SpecStatus.Level(level, spec.operator(), spec.value(), spec.passes(latest.value())));
    }
    return Optional.of(new SpecStatus(series.metric(), series.dataset(), series.filter(), latest,
        specs.unit(series.metric()), out));
  }
}
