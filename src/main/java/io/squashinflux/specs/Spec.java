package io.squashinflux.specs;

import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * @param terms the other terms of its metadata_query ({@code instrument: HSC}): a series must
 *     carry each with an equal value for the spec to apply to it
 */
public record Spec(String name, String metric, String level, double value, String unit,
    String operator, String dataset, Set<String> filters, Map<String, String> terms) {

  static final Set<String> OPERATORS = Set.of("<", "<=", ">", ">=", "==", "!=");
  static final Set<String> LEVELS = Set.of("design", "minimum", "stretch");

  public Spec {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(metric, "metric == null");
    Objects.requireNonNull(level, "level == null");
    unit = unit == null ? "" : unit;
    filters = Set.copyOf(filters);
    terms = Map.copyOf(terms);
    if (!OPERATORS.contains(operator)) {
      throw new IllegalArgumentException("not a threshold operator: " + operator);
    }
  }

  /** A spec whose metadata_query names only a dataset and filters. */
  public Spec(String name, String metric, String level, double value, String unit,
      String operator, String dataset, Set<String> filters) {
    this(name, metric, level, value, unit, operator, dataset, filters, Map.of());
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

  /** The terms of its metadata_query that a series carrying these tags does not carry. */
  public List<String> missing(Map<String, String> carried) {
    return terms.keySet().stream().filter(k -> !carried.containsKey(k)).sorted().toList();
  }

  /**
   * True when the spec applies to a series: its dataset and filter, and every other term of its
   * metadata_query carried with an equal value (lsst.verify's default matching).
   */
  public boolean appliesTo(String seriesDataset, String seriesFilter, Map<String, String> carried) {
    for (Map.Entry<String, String> term : terms.entrySet()) {
      if (!term.getValue().equals(carried.get(term.getKey()))) {
        return false;
      }
    }
    return datasetAndFilterMatch(seriesDataset, seriesFilter);
  }

  private boolean datasetAndFilterMatch(String seriesDataset, String seriesFilter) {
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

  /** How specific this spec is: more terms, then a dataset, then a filter, when several apply. */
  int specificity() {
    return terms.size() * 4 + (dataset != null ? 2 : 0) + (filters.isEmpty() ? 0 : 1);
  }
}
