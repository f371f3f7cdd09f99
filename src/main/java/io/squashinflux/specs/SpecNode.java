package io.squashinflux.specs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/** One item of a {@code /specs} or {@code /metrics} answer made a {@link Spec} or definition. */
final class SpecNode {
  /** The metadata_query keys a series holds as its dataset and its filter. */
  static final String DATASET = "dataset_name";
  static final String FILTER = "filter_name";

  private SpecNode() {}

  /** A threshold spec, or empty for another type or an incomplete one. */
  static Optional<Spec> spec(JsonNode node, UnaryOperator<String> intern) {
    String name = node.path("name").asText("");
    JsonNode threshold = node.path("threshold");
    String operator = threshold.path("operator").asText("");
    int dot = name.lastIndexOf('.');
    if (dot <= 0 || !threshold.path("value").isNumber() || !Spec.OPERATORS.contains(operator)) {
      return Optional.empty();
    }
    String last = name.substring(dot + 1);
    String level = level(node.path("tags"), last);
    JsonNode query = node.path("metadata_query");
    String dataset = query.hasNonNull(DATASET) ? query.get(DATASET).asText() : null;
    Set<String> filters = new HashSet<>();
    if (query.hasNonNull(FILTER)) {
      filters.add(Spec.band(query.get(FILTER).asText()));
    } else {
      filters.addAll(filterLetters(last, level));
    }
    Map<String, String> terms = new LinkedHashMap<>();
    query.fields().forEachRemaining(e -> {
      if (!e.getKey().equals(DATASET) && !e.getKey().equals(FILTER)) {
        terms.put(intern.apply(e.getKey()), e.getValue().isValueNode()
            ? e.getValue().asText() : e.getValue().toString());
      }
    });
    return Optional.of(new Spec(name, intern.apply(name.substring(0, dot)), intern.apply(level),
        threshold.get("value").asDouble(), intern.apply(threshold.path("unit").asText("")),
        intern.apply(operator), dataset == null ? null : intern.apply(dataset), filters, terms));
  }

  /** A metric definition of {@code /metrics}, a verify job file or a metrics/ file. */
  static MetricDefinition definition(JsonNode node) {
    JsonNode ref = node.path("reference");
    String url = ref.path("url").asText("");
    String text = ref.path("doc").asText("")
        + (ref.hasNonNull("page") ? (ref.path("doc").asText("").isEmpty() ? "page " : ", page ")
            + ref.get("page").asText() : "");
    return new MetricDefinition(node.get("name").asText(), node.get("unit").asText(),
        node.path("description").asText("").strip().replaceAll("\\s+", " "),
        url.startsWith("http://") || url.startsWith("https://") ? url : null, text.strip());
  }

  private static String level(JsonNode tags, String last) {
    for (JsonNode tag : tags) {
      if (Spec.LEVELS.contains(tag.asText())) {
        return tag.asText();
      }
    }
    for (String level : Spec.LEVELS) {
      if (last.contains(level)) {
        return level;
      }
    }
    return last;
  }

  /** {@code design_gri} -> g, r, i: the bands a spec's name limits it to. */
  private static Set<String> filterLetters(String last, String level) {
    int at = last.indexOf(level + "_");
    if (at < 0) {
      return Set.of();
    }
    String letters = last.substring(at + level.length() + 1);
    if (letters.isEmpty() || !letters.chars().allMatch(c -> "ugrizy".indexOf(c) >= 0)) {
      return Set.of();
    }
    Set<String> bands = new HashSet<>();
    letters.chars().forEach(c -> bands.add(String.valueOf((char) c)));
    return bands;
  }
}
