package io.squashinflux.series;

import io.squashinflux.mapping.Mapping;
import java.util.List;
import java.util.Set;

/**
 * How a mapping's points read back: the tags holding the dataset and the filter, the fields
 * holding the job id, the CI run and their links, and which fields are metrics.
 *
 * @param datasetTag the dataset's tag ({@code dataset} in both built-in models)
 * @param filterTag the filter's tag ({@code filter_name} in notebook, {@code filter} in squash)
 * @param jobIdField the SQuaSH job id's field, or null when the model drops it
 * @param runIdField the CI run's id field, or null
 * @param jobUrlField the job's link field ({@code [id](url)}), or null
 * @param runUrlField the CI run's link field, or null
 * @param codeChangesField the field holding {@code GET /code_changes}' packages, or null
 */
public record ReadModel(Mapping mapping, String datasetTag, String filterTag, String jobIdField,
    String runIdField, String jobUrlField, String runUrlField, String codeChangesField,
    Set<String> notMetrics) {

  /** The measurement {@code sync --packages} writes. */
  public static final String PACKAGES = "packages";
  /** The measurement {@code report --annotate} writes its findings to. */
  public static final String FINDINGS = "squash_influx_findings";

  /** Measurements this tool writes beside the metrics, which hold none. */
  public static boolean holdsNoMetrics(String measurement) {
    return measurement.equals(PACKAGES) || measurement.equals(FINDINGS);
  }

  public ReadModel {
    notMetrics = Set.copyOf(notMetrics);
  }

  public static ReadModel of(Mapping mapping) {
    return new ReadModel(mapping, tag(mapping, "dataset", "ci_dataset"),
        tag(mapping, "filter_name", "physical_filter"), field(mapping, "id"),
        field(mapping, "ci_id", "run_id"), field(mapping, "url"),
        field(mapping, "ci_url", "run_id_url"), field(mapping, "code_changes"),
        mapping.ruleFields());
  }

  /** The metric a field holds, or null when the field is not a metric (an id, a link). */
  public String metricOf(String measurement, String fieldKey) {
    return notMetrics.contains(fieldKey) ? null : mapping.metricOf(measurement, fieldKey);
  }

  /** The tag keys a series is grouped by: dataset, then filter. */
  public List<String> seriesTags() {
    return List.of(datasetTag, filterTag);
  }

  /**
   * The tag holding a job-metadata key that a spec's metadata_query names ({@code instrument}),
   * or null when the model does not write it as a tag. The dataset and filter have their own.
   */
  public String tagOf(String metadataKey) {
    return mapping.tagged(metadataKey) ? mapping.outputOf(metadataKey) : null;
  }

  private static String tag(Mapping mapping, String... keys) {
    for (String key : keys) {
      if (mapping.tagged(key) && mapping.outputOf(key) != null) {
        return mapping.outputOf(key);
      }
    }
    return keys[0];
  }

  private static String field(Mapping mapping, String... keys) {
    for (String key : keys) {
      String out = mapping.outputOf(key);
      if (out != null && !mapping.tagged(key)) {
        return out;
      }
    }
    return null;
  }
}
