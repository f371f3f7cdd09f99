package io.squashinflux.specs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A resolved specification document made the JSON lsst.verify serialises and SQuaSH's
 * {@code GET /specs} answers: {@code name}, {@code type}, {@code threshold} ({@code value},
 * {@code unit}, {@code operator}), {@code metadata_query} and {@code tags}; or the one line saying
 * why it cannot be.
 */
final class Threshold {
  private Threshold() {}

  static Map<String, Object> specification(Map<String, Object> doc, String file,
      YamlFile.Doc source) {
    String pkg = String.valueOf(doc.get("package"));
    String own = String.valueOf(doc.get("name"));
    Object metric = doc.get("metric");
    String name = SpecFiles.specName(own, metric == null ? null : String.valueOf(metric), pkg);
    if (name == null) {
      throw new SpecsException(file + ":" + source.lineOf("name") + ": specification '" + own
          + "' has no metric: give it metric: or a base that has one");
    }
    int line = source.lineOf("threshold");
    if (!(doc.get("threshold") instanceof Map<?, ?> threshold) || threshold.get("value") == null) {
      throw new SpecsException(file + ":" + line + ": specification " + name
          + " has no threshold value (threshold: {value: ...}, here or in a base)");
    }
    Object operator = threshold.get("operator");
    if (operator == null || !Spec.OPERATORS.contains(String.valueOf(operator))) {
      throw new SpecsException(file + ":" + line + ": specification " + name
          + (operator == null ? " has no threshold operator" : " has unknown operator '" + operator
          + "'") + ": one of < <= > >= == !=");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", name);
    out.put("type", "threshold");
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("value", value(threshold.get("value"), file, line, name));
    t.put("unit", threshold.get("unit") == null ? "" : String.valueOf(threshold.get("unit")));
    t.put("operator", String.valueOf(operator));
    out.put("threshold", t);
    out.put("metadata_query", doc.get("metadata_query") instanceof Map<?, ?> q
        ? q : new LinkedHashMap<>());
    out.put("tags", tags(doc.get("tags")));
    return out;
  }

  /** A number, or a text one (NaN included: such a threshold is dropped later, with a note). */
  private static double value(Object value, String file, int line, String name) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(String.valueOf(value).strip());
    } catch (NumberFormatException e) {
      throw new SpecsException(file + ":" + line + ": specification " + name
          + " has threshold value '" + value + "', not a number");
    }
  }

  /** lsst.verify keeps tags as a set: one text is one tag, none is none. */
  private static List<String> tags(Object tags) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    if (tags instanceof List<?> list) {
      list.forEach(t -> out.add(String.valueOf(t)));
    } else if (tags != null) {
      out.add(String.valueOf(tags));
    }
    return new ArrayList<>(out);
  }
}
