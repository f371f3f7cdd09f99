package io.squashinflux.dashboards;

import io.squashinflux.series.ReadModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns what a database holds into boards, one per measurement the mapping explains; what it does
 * not explain is listed with the reason, never guessed at.
 */
final class Survey {

  /** The boards, and one line per measurement or field left out. */
  record Result(List<Board> boards, List<String> unexplained) {
    Result {
      boards = List.copyOf(boards);
      unexplained = List.copyOf(unexplained);
    }
  }

  private final Catalog catalog;
  private final ReadModel model;
  private final String modelName;
  private final Reference reference;

  Survey(Catalog catalog, ReadModel model, Reference reference) {
    this.catalog = catalog;
    this.model = model;
    this.modelName = model.mapping().name();
    this.reference = reference;
  }

  Result of(String database, String retentionPolicy) {
    List<Board> boards = new ArrayList<>();
    List<String> unexplained = new ArrayList<>();
    String datasetTag = model.datasetTag();
    String filterTag = model.filterTag();
    for (String measurement : catalog.measurements()) {
      if (ReadModel.holdsNoMetrics(measurement)) {
        continue; // package versions (sync --packages), findings (report --annotate): no metric
      }
      List<String> tags = catalog.tagKeys(measurement);
      if (!tags.contains(datasetTag)) {
        unexplained.add(measurement + ": no tag '" + datasetTag + "', which the " + modelName
            + " model writes the dataset to; is it the right --mapping?");
        continue;
      }
      List<Panel> panels = panels(measurement, unexplained);
      if (panels.isEmpty()) {
        unexplained.add(measurement + ": no float field the " + modelName
            + " model writes a metric to");
        continue;
      }
      String filter = tags.contains(filterTag) ? filterTag : null;
      List<String> datasets = catalog.tagValues(measurement, datasetTag);
      boards.add(new Board(database, retentionPolicy, measurement, modelName, datasetTag, filter,
          datasets, filter == null ? List.of() : catalog.tagValues(measurement, filter), panels,
          filter == null || datasets.isEmpty() ? List.of()
              : catalog.tagValues(measurement, filter, datasetTag, datasets.get(0)),
          catalog.span(measurement)));
    }
    return new Result(boards, unexplained);
  }

  private List<Panel> panels(String measurement, List<String> unexplained) {
    List<Panel> panels = new ArrayList<>();
    for (Map.Entry<String, String> field : catalog.fieldTypes(measurement).entrySet()) {
      String metric = model.metricOf(measurement, field.getKey());
      if (!field.getValue().equals("float") || metric == null) {
        continue; // ids, links and versions are strings: every metric is written as a float
      }
      if (!metric.equals(measurement) && !metric.startsWith(measurement + ".")) {
        unexplained.add(measurement + "." + field.getKey() + ": a float field that is not a"
            + " metric of package " + measurement + " under the " + modelName + " model");
        continue;
      }
      panels.add(new Panel(metric, field.getKey(), reference.unit(metric), reference.levels(metric),
          reference.description(metric)));
    }
    return panels;
  }
}
