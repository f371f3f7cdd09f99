package io.squashinflux.specs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * lsst.verify's {@code merge_documents}, by which a specification inherits: keys of either
 * document are kept; on a shared key two mappings merge recursively, two lists are concatenated
 * (base first), and otherwise the new value replaces the base's.
 */
final class Merge {
  private Merge() {}

  /** A new document: {@code over} merged onto {@code base}; neither is changed. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> documents(Map<String, Object> base, Map<String, Object> over) {
    Map<String, Object> merged = (Map<String, Object>) copy(base);
    over.forEach((key, value) -> {
      Object was = merged.get(key);
      if (was instanceof Map<?, ?> a && value instanceof Map<?, ?> b) {
        merged.put(key, documents((Map<String, Object>) a, (Map<String, Object>) b));
      } else if (was instanceof List<?> a && value instanceof List<?> b) {
        List<Object> both = new ArrayList<>((List<Object>) copy(a));
        both.addAll((List<Object>) copy(b));
        merged.put(key, both);
      } else {
        merged.put(key, copy(value));
      }
    });
    return merged;
  }

  private static Object copy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(copy(v)));
      return out;
    }
    return value;
  }
}
