package io.squashinflux.trends.dashboards;

import io.squashinflux.mapping.ReadBack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
  private final ReadBack model;
  private final String modelName;
  private final Reference reference;

  Survey(Catalog catalog, ReadBack model, String modelName, Reference reference) {
    this.catalog = catalog;
    this.model = model;
    this.modelName = modelName;
    this.reference = reference;
  }

  Result of(String database, String retentionPolicy) {
    List<Board> boards = new ArrayList<>();
    List<String> unexplained = new ArrayList<>();
    String datasetTag = model.datasetTag();
    String filterTag = model.filterTag();
    for (String measurement : catalog.measurements()) {
      if (model.isPackages(measurement)) {
        continue; // package versions, written by sync --packages: no metric to draw
      }
      List<String> tags = catalog.tagKeys(measurement);
      if (datasetTag == null || !tags.contains(datasetTag)) {
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
      String filter = filterTag != null && tags.contains(filterTag) ? filterTag : null;
      boards.add(new Board(database, retentionPolicy, measurement, modelName, datasetTag, filter,
          catalog.tagValues(measurement, datasetTag),
          filter == null ? List.of() : catalog.tagValues(measurement, filter), panels));
    }
    return new Result(boards, unexplained);
  }

  private List<Panel> panels(String measurement, List<String> unexplained) {
    List<Panel> panels = new ArrayList<>();
    for (Map.Entry<String, String> field : catalog.fieldTypes(measurement).entrySet()) {
      if (!field.getValue().equals("float") || model.isMetaField(field.getKey())) {
        continue; // ids, links and versions are strings: every metric is written as a float
      }
      Optional<String> metric = model.metric(measurement, field.getKey());
      if (metric.isEmpty()) {
        unexplained.add(measurement + "." + field.getKey() + ": a float field that is not a"
            + " metric of package " + measurement + " under the " + modelName + " model");
        continue;
      }
      String name = metric.get();
      panels.add(new Panel(name, field.getKey(), reference.unit(name), reference.levels(name)));
    }
    return panels;
  }
}
