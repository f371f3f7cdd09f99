package io.squashinflux.lineprotocol;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds test points tersely. */
final class Points {
  private Points() {}

  static Point point(String measurement, Map<String, String> tags, Map<String, FieldValue> fields) {
    return new Point("job 1", measurement, tags, fields, 1_000L);
  }

  static Point withTags(Map<String, String> tags) {
    return point("m", tags, Map.of("f", FieldValue.of(1.0)));
  }

  static Point withFields(Map<String, FieldValue> fields) {
    return point("m", Map.of(), fields);
  }

  @SafeVarargs
  static <V> Map<String, V> ordered(Map.Entry<String, V>... entries) {
    Map<String, V> map = new LinkedHashMap<>();
    for (Map.Entry<String, V> entry : entries) {
      map.put(entry.getKey(), entry.getValue());
    }
    return map;
  }
}
