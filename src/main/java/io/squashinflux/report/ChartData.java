package io.squashinflux.report;

import io.squashinflux.detect.Finding;
import io.squashinflux.series.MetricSeries;
import io.squashinflux.series.Point;
import io.squashinflux.specs.Specs;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One metric's chart as the page reads it: per series the times (seconds), values, job ids, CI
 * runs and URLs (see {@link Links}); the thresholds; the change points. A series longer than {@code maxPoints} is
 * decimated for drawing only: the lowest and highest point of each bucket and every change point
 * are kept.
 */
final class ChartData {
  static final ObjectMapper JSON = new ObjectMapper();

  private ChartData() {}

  static ObjectNode of(String metric, String unit, List<MetricSeries> series,
      List<Finding> findings, Specs specs, int maxPoints) {
    ObjectNode chart = JSON.createObjectNode();
    chart.put("metric", metric);
    chart.put("unit", unit == null ? "" : unit);
    ArrayNode lines = chart.putArray("series");
    // A level is drawn on the series it applies to: each threshold lists their indices.
    Map<String, ObjectNode> thresholds = new LinkedHashMap<>();
    int index = 0;
    for (MetricSeries s : series) {
      lines.add(line(s, findings, maxPoints));
      int i = index++;
      specs.levels(metric, s.dataset(), s.filter(), s.terms()).forEach((level, spec) ->
          thresholds.computeIfAbsent(level + " " + spec.operator() + " " + spec.value(),
              key -> JSON.createObjectNode().put("level", level).put("operator", spec.operator())
                  .put("value", spec.value())).withArray("series").add(i));
    }
    ArrayNode levels = chart.putArray("thresholds");
    thresholds.values().forEach(levels::add);
    ArrayNode changes = chart.putArray("changes");
    for (Finding f : findings) {
      int i = 0;
      while (i < series.size() && !same(f, series.get(i))) {
        i++;
      }
      ObjectNode change = changes.addObject().put("t", seconds(f.at()))
          .put("from", seconds(f.lastGood())).put("label", label(f))
          .put("direction", f.direction()).put("series", i).put("before", f.before())
          .put("after", f.after());
      if (f.change().isPresent()) {
        change.put("change", f.change().getAsDouble());
      } else {
        change.putNull("change");
      }
    }
    return chart;
  }

  private static ObjectNode line(MetricSeries s, List<Finding> findings, int maxPoints) {
    ObjectNode line = JSON.createObjectNode();
    line.put("label", s.label());
    line.put("dataset", s.dataset());
    line.put("filter", s.filter());
    List<Integer> keep = keep(s, findings, maxPoints);
    line.put("points", s.points().size());
    line.put("decimated", keep.size() < s.points().size());
    ArrayNode t = line.putArray("t");
    ArrayNode values = line.putArray("values");
    ArrayNode jobs = line.putArray("jobs");
    ArrayNode runs = line.putArray("runs");
    Links links = new Links(line.putArray("links"), line.putArray("link"));
    for (int i : keep) {
      Point p = s.points().get(i);
      t.add(seconds(p.time()));
      values.add(p.value());
      if (p.job() == null) {
        jobs.addNull();
      } else {
        jobs.add(p.job());
      }
      runs.add(p.run());
      links.add(p);
    }
    return line;
  }

  /**
   * A series' URLs, written once per form: a CI run's page or a job's URL differs from its
   * neighbours' only by the run or job id in it, and written whole for every point it made the
   * page several times heavier. {@code links} holds the forms: {@code [url]}, or
   * {@code [before, "r" or "j", after]} around the point's run or job id; {@code link} holds each
   * point's form index, or null when it has no URL. The page puts each URL back together.
   */
  private static final class Links {
    private final ArrayNode forms;
    private final ArrayNode index;
    private final Map<List<String>, Integer> seen = new LinkedHashMap<>();

    Links(ArrayNode forms, ArrayNode index) {
      this.forms = forms;
      this.index = index;
    }

    void add(Point p) {
      if (p.url() == null) {
        index.addNull();
        return;
      }
      List<String> form = form(p.url(), p.run(), "r");
      if (form == null) {
        form = form(p.url(), p.job() == null ? null : String.valueOf(p.job()), "j");
      }
      if (form == null) {
        form = List.of(p.url());
      }
      index.add(seen.computeIfAbsent(form, f -> {
        ArrayNode node = forms.addArray();
        f.forEach(node::add);
        return forms.size() - 1;
      }));
    }

    /** The URL around the last place the id appears in it; null when it does not. */
    private static List<String> form(String url, String id, String kind) {
      int at = id == null || id.isEmpty() ? -1 : url.lastIndexOf(id);
      return at < 0 ? null : List.of(url.substring(0, at), kind, url.substring(at + id.length()));
    }
  }

  /** The indices drawn: all of them, or each bucket's extremes plus the change points. */
  static List<Integer> keep(MetricSeries s, List<Finding> findings, int maxPoints) {
    int n = s.points().size();
    List<Integer> all = new ArrayList<>(n);
    if (n <= maxPoints) {
      for (int i = 0; i < n; i++) {
        all.add(i);
      }
      return all;
    }
    TreeSet<Integer> kept = new TreeSet<>();
    int buckets = Math.max(1, maxPoints / 2);
    for (int b = 0; b < buckets; b++) {
      int from = (int) ((long) b * n / buckets);
      int to = (int) ((long) (b + 1) * n / buckets);
      int lo = from;
      int hi = from;
      for (int i = from; i < to; i++) {
        double v = s.points().get(i).value();
        lo = v < s.points().get(lo).value() ? i : lo;
        hi = v > s.points().get(hi).value() ? i : hi;
      }
      kept.add(lo);
      kept.add(hi);
    }
    for (int i = 0; i < n; i++) {
      long time = s.points().get(i).time();
      for (Finding f : findings) {
        if ((time == f.at() || time == f.lastGood()) && same(f, s)) {
          kept.add(i);
        }
      }
    }
    all.addAll(kept);
    return all;
  }

  private static boolean same(Finding f, MetricSeries s) {
    return java.util.Objects.equals(f.dataset(), s.dataset())
        && java.util.Objects.equals(f.filter(), s.filter());
  }

  static String label(Finding f) {
    return (f.dataset() == null ? "(no dataset)" : f.dataset()) + " / "
        + (f.filter() == null ? "(no filter)" : f.filter());
  }

  /** Seconds since the epoch, exact for whole seconds. */
  static double seconds(long nanos) {
    return nanos % 1_000_000_000L == 0 ? (double) (nanos / 1_000_000_000L) : nanos / 1e9;
  }
}
