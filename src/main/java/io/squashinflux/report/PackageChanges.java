package io.squashinflux.report;

import io.squashinflux.detect.Finding;
import io.squashinflux.influx.InfluxQuery;
import io.squashinflux.influx.Series;
import io.squashinflux.series.MetricField;
import io.squashinflux.series.ReadModel;
import static io.squashinflux.influx.InfluxQuery.identifier;
import static io.squashinflux.influx.InfluxQuery.literal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The packages whose git sha changed between a finding's last good and first bad job: from the
 * {@code packages} measurement ({@code sync --packages}), or else from the {@code code_changes}
 * of the CI runs in between (the squash model).
 */
final class PackageChanges {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final InfluxQuery query;
  private final ReadModel model;
  private final boolean hasPackages;

  PackageChanges(InfluxQuery query, ReadModel model) {
    this.query = query;
    this.model = model;
    this.hasPackages = query.firstColumn("SHOW MEASUREMENTS").contains(ReadModel.PACKAGES);
  }

  List<String> of(MetricField field, Finding finding) {
    if (hasPackages) {
      return fromPackages(finding);
    }
    return model.codeChangesField() == null ? List.of() : fromCodeChanges(field, finding);
  }

  private List<String> fromPackages(Finding f) {
    String q = "SELECT \"git_sha\" FROM " + identifier(ReadModel.PACKAGES) + " WHERE "
        + where(f) + " AND time >= " + f.lastGood() + " AND time <= " + f.at()
        + " GROUP BY \"package\"";
    TreeSet<String> changed = new TreeSet<>();
    for (Series s : query.series(q)) {
      Object first = null;
      Object last = null;
      for (List<Object> row : s.rows()) {
        long time = ((Number) row.get(0)).longValue();
        first = time == f.lastGood() ? row.get(1) : first;
        last = time == f.at() ? row.get(1) : last;
      }
      if (first != null && last != null && !first.equals(last)) {
        changed.add(s.tag("package"));
      }
    }
    return new ArrayList<>(changed);
  }

  private List<String> fromCodeChanges(MetricField field, Finding f) {
    String q = "SELECT " + identifier(model.codeChangesField()) + " FROM "
        + identifier(field.measurement()) + " WHERE " + identifier(model.datasetTag()) + " = "
        + literal(f.dataset() == null ? "" : f.dataset()) + " AND time > " + f.lastGood()
        + " AND time <= " + f.at();
    TreeSet<String> changed = new TreeSet<>();
    for (Series s : query.series(q)) {
      for (List<Object> row : s.rows()) {
        if (row.get(1) instanceof String text) {
          changed.addAll(names(text));
        }
      }
    }
    return new ArrayList<>(changed);
  }

  /** Package names of a code_changes text: {@code [[name, sha, url], ...]}. */
  static List<String> names(String text) {
    List<String> names = new ArrayList<>();
    try {
      for (JsonNode p : JSON.readTree(text)) {
        if (p.isArray() && p.size() > 0) {
          names.add(p.get(0).asText());
        }
      }
    } catch (IOException notJson) {
      // A hand-written value: nothing to list.
    }
    return names;
  }

  private String where(Finding f) {
    String w = identifier(model.datasetTag()) + " = " + literal(f.dataset() == null ? "" : f.dataset());
    return f.filter() == null ? w
        : w + " AND " + identifier(model.filterTag()) + " = " + literal(f.filter());
  }
}
