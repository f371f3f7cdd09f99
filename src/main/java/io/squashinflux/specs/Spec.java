package io.squashinflux.specs;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One threshold of a metric, as SQuaSH's {@code GET /specs} and lsst.verify's {@code specs} give
 * it: {@code validate_drp.PA1.design_gri} is metric {@code validate_drp.PA1} at level {@code design}
 * with {@code value operator}, e.g. {@code <= 5.0 mmag}.
 *
 * @param name the spec's full name
 * @param metric the metric it constrains (the name without its last component)
 * @param level {@code design}, {@code minimum}, {@code stretch}, or the name's last component
 * @param operator one of {@code < <= > >= == !=}
 * @param dataset the dataset it is limited to (metadata_query {@code dataset_name}), or null
 * @param filters the filters it is limited to: metadata_query {@code filter_name} or the letters
 *     after the level in its name ({@code design_gri}); empty for every filter
 */
public record Spec(String name, String metric, String level, double value, String unit,
    String operator, String dataset, Set<String> filters) {

  static final Set<String> OPERATORS = Set.of("<", "<=", ">", ">=", "==", "!=");
  static final Set<String> LEVELS = Set.of("design", "minimum", "stretch");

  public Spec {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(metric, "metric == null");
    Objects.requireNonNull(level, "level == null");
    unit = unit == null ? "" : unit;
    filters = Set.copyOf(filters);
    if (!OPERATORS.contains(operator)) {
      throw new IllegalArgumentException("not a threshold operator: " + operator);
    }
  }

  /** True when a lower value is better ({@code <}, {@code <=}); false for higher; null for neither. */
  public Boolean lowerIsBetter() {
    return switch (operator) {
      case "<", "<=" -> Boolean.TRUE;
      case ">", ">=" -> Boolean.FALSE;
      default -> null;
    };
  }

  /** True when {@code measured} meets this threshold. */
  public boolean passes(double measured) {
    return switch (operator) {
      case "<" -> measured < value;
      case "<=" -> measured <= value;
      case ">" -> measured > value;
      case ">=" -> measured >= value;
      case "==" -> measured == value;
      default -> measured != value;
    };
  }

  /** True when the spec applies to a series of this dataset and filter (either may be null). */
  public boolean appliesTo(String seriesDataset, String seriesFilter) {
    if (dataset != null && !dataset.equals(seriesDataset)) {
      return false;
    }
    if (filters.isEmpty()) {
      return true;
    }
    if (seriesFilter == null || seriesFilter.isEmpty()) {
      return false;
    }
    return filters.contains(band(seriesFilter));
  }

  /** A filter's band: HSC writes "HSC-G", others "g"; a spec's "gri" means g, r and i. */
  static String band(String filter) {
    String f = filter.strip().toLowerCase(Locale.ROOT);
    return f.isEmpty() ? f : f.substring(f.length() - 1);
  }

  /** How specific this spec is: a dataset beats a filter beats nothing, when several apply. */
  int specificity() {
    return (dataset != null ? 2 : 0) + (filters.isEmpty() ? 0 : 1);
  }
}
