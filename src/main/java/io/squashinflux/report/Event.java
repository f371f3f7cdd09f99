package io.squashinflux.report;

import io.squashinflux.detect.Finding;
import io.squashinflux.detect.PackageChange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One change of one metric on one dataset, seen on one or more of its filters: the findings whose
 * intervals (last good job, first shifted job] share a time, and the packages all of them name.
 *
 * @param shared the packages every finding of the event names (all of them for one finding)
 */
public record Event(String metric, String dataset, List<Finding> findings,
    List<PackageChange> shared) {

  public Event {
    findings = List.copyOf(findings);
    shared = List.copyOf(shared);
  }

  /** The largest relative change of its findings, for ranking. */
  double worst() {
    return findings.stream().mapToDouble(f -> Math.abs(f.change().orElse(Double.POSITIVE_INFINITY))).max().orElse(0);
  }

  /** The findings of one metric grouped into events, in the order the findings came. */
  static List<Event> of(List<Finding> found) {
    List<Finding> sorted = new ArrayList<>(found);
    sorted.sort(Comparator.comparing((Finding f) -> String.valueOf(f.dataset()))
        .thenComparing(Finding::direction).thenComparingLong(Finding::at));
    List<Event> events = new ArrayList<>();
    List<Finding> group = new ArrayList<>();
    long commonEnd = Long.MAX_VALUE;
    for (Finding f : sorted) {
      boolean joins = !group.isEmpty() && Objects.equals(group.get(0).dataset(), f.dataset())
          && group.get(0).direction().equals(f.direction())
          && group.stream().noneMatch(g -> Objects.equals(g.filter(), f.filter()))
          && f.lastGood() < commonEnd;
      if (!joins && !group.isEmpty()) {
        events.add(close(group));
        group = new ArrayList<>();
        commonEnd = Long.MAX_VALUE;
      }
      group.add(f);
      commonEnd = Math.min(commonEnd, f.at());
    }
    if (!group.isEmpty()) {
      events.add(close(group));
    }
    return events;
  }

  private static Event close(List<Finding> group) {
    Map<String, PackageChange> shared = new LinkedHashMap<>();
    group.get(0).packages().forEach(p -> shared.put(p.name(), p));
    for (Finding f : group.subList(1, group.size())) {
      List<String> names = f.packagesChanged();
      shared.keySet().retainAll(names);
    }
    group.sort(Ranking.WORST_FIRST);
    return new Event(group.get(0).metric(), group.get(0).dataset(), group,
        new ArrayList<>(shared.values()));
  }
}
