package io.squashinflux.mapping;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a mapping says about the points it wrote, for the readers of InfluxDB (the dashboards, the
 * report): which tag holds the dataset, which the filter, and which field of a measurement is
 * which metric. It reads the same rules the mapper writes with, so a reader never guesses.
 */
public final class ReadBack {
  private final Mapping mapping;
  private final Set<String> metaFields = new HashSet<>();

  public ReadBack(Mapping mapping) {
    this.mapping = mapping;
    mapping.rules().forEach((key, rule) -> {
      if (!rule.isTag() && rule.kind() != Rule.Kind.DROP) {
        metaFields.add(rule.named(key).name());
      }
    });
  }

  /** The tag the job's dataset is written under, or null when the mapping writes none. */
  public String datasetTag() {
    return tagOf("dataset", "ci_dataset");
  }

  /** The tag the job's filter is written under ({@code filter_name} or {@code physical_filter}). */
  public String filterTag() {
    return tagOf("filter_name", "physical_filter");
  }

  /** The measurement {@code packages} ({@code --packages}) holds package versions, not metrics. */
  public boolean isPackages(String measurement) {
    return PackagePoints.MEASUREMENT.equals(measurement);
  }

  /** True for a field the mapping writes from meta (run_id, squash_id, timestamp, ...). */
  public boolean isMetaField(String fieldKey) {
    return metaFields.contains(fieldKey);
  }

  /**
   * The metric a float field of a measurement holds, or empty when this mapping would not have
   * written a metric there: a meta field (run_id, squash_id, ...), or a full key of another package.
   */
  public Optional<String> metric(String measurement, String fieldKey) {
    if (metaFields.contains(fieldKey)) {
      return Optional.empty();
    }
    if (mapping.shortFieldKeys()) {
      return Optional.of(measurement + "." + fieldKey);
    }
    boolean fits = fieldKey.equals(measurement) || fieldKey.startsWith(measurement + ".");
    return fits ? Optional.of(fieldKey) : Optional.empty();
  }

  /** The field key a metric is written under. */
  public String fieldKey(String metric) {
    MetricName name = MetricName.of(metric, mapping.shortFieldKeys());
    return name.fieldKey() != null ? name.fieldKey() : metric;
  }

  private String tagOf(String... sourceKeys) {
    for (String key : sourceKeys) {
      Rule rule = mapping.ruleFor(key).named(key);
      if (rule.isTag()) {
        return rule.name();
      }
    }
    return null;
  }
}
