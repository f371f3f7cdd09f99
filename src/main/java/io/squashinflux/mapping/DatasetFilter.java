package io.squashinflux.mapping;

import java.util.List;

/**
 * Which datasets are mapped. A non-empty include list is an allow-list and wins over the excludes;
 * otherwise every dataset but the excluded ones passes. Matching is exact; a job without a dataset
 * passes an exclude list and fails an include list.
 */
record DatasetFilter(List<String> include, List<String> exclude) {

  DatasetFilter {
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
  }

  static final DatasetFilter NONE = new DatasetFilter(List.of(), List.of());

  /** Why this dataset is skipped, or null when it passes. */
  String rejects(String dataset) {
    if (!include.isEmpty()) {
      return dataset != null && include.contains(dataset)
          ? null
          : "dataset " + describe(dataset) + " is not in include = " + String.join(", ", include);
    }
    return dataset != null && exclude.contains(dataset)
        ? "dataset " + describe(dataset) + " is in exclude = " + String.join(", ", exclude)
        : null;
  }

  private static String describe(String dataset) {
    return dataset == null ? "(none)" : "'" + dataset + "'";
  }
}
