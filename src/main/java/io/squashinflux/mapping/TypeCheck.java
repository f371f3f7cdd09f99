package io.squashinflux.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which fields a mapping would write with another type than the one a database already holds:
 * InfluxDB refuses such a point for the rest of the shard. Pure: the stored types come from
 * {@code SHOW FIELD KEYS}, the written ones from the mapping's rules (metric values are floats).
 */
public final class TypeCheck {
  private TypeCheck() {}

  /**
   * One field whose type would conflict.
   *
   * @param line the mapping line to change ({@code FILE:LINE: key = rule}), or what to do instead
   */
  public record Conflict(String measurement, String field, String stored, String written,
      String line) {}

  /** The conflicts, in the stored order; {@code stored} is measurement -> field -> InfluxDB type. */
  public static List<Conflict> conflicts(Mapping mapping, Map<String, Map<String, String>> stored) {
    List<Conflict> conflicts = new ArrayList<>();
    stored.forEach((measurement, fields) -> fields.forEach((field, type) -> {
      Written written = writtenAs(mapping, measurement, field);
      if (written != null && !written.type().equals(type)) {
        conflicts.add(new Conflict(measurement, field, type, written.type(), written.line()));
      }
    }));
    return conflicts;
  }

  private record Written(String type, String line) {}

  /** The type this mapping writes a field with, and the line deciding it; null when it never does. */
  private static Written writtenAs(Mapping mapping, String measurement, String field) {
    if (mapping.packages() && measurement.equals("packages")) {
      return new Written("string", mapping.file() + ": packages = on (its fields are strings)");
    }
    for (Map.Entry<String, Rule> entry : mapping.rules().entrySet()) {
      Rule rule = entry.getValue();
      String type = typeOf(rule.kind());
      if (type != null && field.equals(Claims.spaces(mapping, rule.name()))) {
        String line = mapping.lineOf(entry.getKey());
        return new Written(type, line != null ? line : mapping.file() + ": " + entry.getKey());
      }
    }
    String byDefault = typeOf(mapping.defaultRule().kind());
    if (byDefault != null && !byDefault.equals("float")) {
      return null; // an unlisted meta key may write it as a string, a metric as a float
    }
    return new Written("float", "metric values are always floats: give the source key of '"
        + field + "' a rule writing another name in " + mapping.file() + ", or use another --db");
  }

  private static String typeOf(Rule.Kind kind) {
    return switch (kind) {
      case FIELD, LINK -> "string";
      case NUMBER, TIME_NUMBER -> "float";
      case TIME_FIELD -> "integer";
      case TAG, DROP -> null;
    };
  }
}
