package io.squashinflux.report;

import io.squashinflux.detect.Evidence;
import io.squashinflux.detect.Finding;
import io.squashinflux.specs.SpecStatus;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * {@code report --json}: {@code {"regressions": [...], "changes": [...], "events": [...], "specs": [...]}},
 * each finding as {@code metric, dataset, filter, at, before, after, change (null from a level of
 * zero), direction, p_value, sigmas, before_points, after_points, crosses, job, run, url,
 * packages_changed, packages}, each event (one change seen on several filters of a dataset)
 * as {@code metric, dataset, direction, filters, packages_changed}, as the README documents.
 */
public final class ReportJson {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportJson() {}

  public static ObjectNode of(TrendReport.Result result) {
    ObjectNode root = JSON.createObjectNode();
    findings(root.putArray("regressions"), result.regressions());
    findings(root.putArray("changes"), result.changes());
    ArrayNode events = root.putArray("events");
    for (Event e : result.events()) {
      ObjectNode node = events.addObject();
      node.put("metric", e.metric());
      node.put("dataset", e.dataset());
      node.put("direction", e.findings().get(0).direction());
      ArrayNode filters = node.putArray("filters");
      e.findings().forEach(f -> filters.add(f.filter()));
      ArrayNode shared = node.putArray("packages_changed");
      e.shared().forEach(p -> shared.add(p.name()));
    }
    ArrayNode specs = root.putArray("specs");
    for (SpecStatus s : result.specs()) {
      ObjectNode node = specs.addObject();
      node.put("metric", s.metric());
      node.put("dataset", s.dataset());
      node.put("filter", s.filter());
      node.put("at", iso(s.latest().time()));
      node.put("latest", s.latest().value());
      node.put("unit", s.unit());
      ObjectNode levels = node.putObject("levels");
      for (SpecStatus.Level level : s.levels()) {
        levels.putObject(level.level()).put("operator", level.operator())
            .put("threshold", level.threshold()).put("passes", level.passes());
      }
    }
    return root;
  }

  public static void write(TrendReport.Result result, Path file) throws IOException {
    JSON.writeValue(file.toFile(), of(result));
  }

  private static void findings(ArrayNode out, List<Finding> findings) {
    for (Finding f : findings) {
      ObjectNode node = out.addObject();
      node.put("metric", f.metric());
      node.put("dataset", f.dataset());
      node.put("filter", f.filter());
      node.put("at", iso(f.at()));
      node.put("before", f.before());
      node.put("after", f.after());
      if (f.change().isPresent()) {
        node.put("change", f.change().getAsDouble());
      } else {
        node.putNull("change");
      }
      node.put("direction", f.direction());
      Evidence e = f.evidence();
      node.put("p_value", e.pValue());
      if (Double.isNaN(e.sigmas())) {
        node.putNull("sigmas");
      } else {
        node.put("sigmas", e.sigmas());
      }
      side(node.putObject("before_points"), e.before());
      side(node.putObject("after_points"), e.after());
      ArrayNode crosses = node.putArray("crosses");
      f.crosses().forEach(crosses::add);
      if (f.job() == null) {
        node.putNull("job");
      } else {
        node.put("job", f.job());
      }
      node.put("run", f.run());
      node.put("url", f.url());
      ArrayNode packages = node.putArray("packages_changed");
      f.packagesChanged().forEach(packages::add);
      ArrayNode detail = node.putArray("packages");
      f.packages().forEach(p -> detail.addObject().put("name", p.name()).put("sha", p.sha())
          .put("url", p.url()));
    }
  }

  private static void side(ObjectNode node, Evidence.Side side) {
    node.put("count", side.points()).put("mean", side.mean()).put("spread", side.spread());
  }

  /** The date and minute, {@code 2023-07-02 14:05 UTC}. */
  public static String isoDate(long nanos) {
    return Html.date(nanos);
  }

  static String iso(long nanos) {
    return Instant.ofEpochSecond(0, nanos).toString();
  }
}
