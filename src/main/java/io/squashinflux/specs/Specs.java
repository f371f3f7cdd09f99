package io.squashinflux.specs;

import io.squashinflux.net.Fetch;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.squashinflux.net.HttpSettings;
import io.squashinflux.net.Streamed;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The thresholds of every metric, read from SQuaSH's {@code GET /specs} answer
 * ({@code {"specs": [...]}}), a bare list of specs, or an lsst.verify job file (its {@code specs}).
 */
public final class Specs {
  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // lsst.verify wrote NaN before 2021
      .build();

  /** No thresholds at all. */
  public static final Specs NONE = new Specs(List.of());

  private final Map<String, List<Spec>> byMetric = new LinkedHashMap<>();
  private final Map<String, String> units = new LinkedHashMap<>();

  Specs(List<Spec> specs) {
    this(specs, Map.of());
  }

  Specs(List<Spec> specs, Map<String, String> metricUnits) {
    for (Spec spec : specs) {
      byMetric.computeIfAbsent(spec.metric(), m -> new ArrayList<>()).add(spec);
      units.putIfAbsent(spec.metric(), spec.unit());
    }
    units.putAll(metricUnits);
  }

  /** The metric's unit (astropy's spelling; "" when dimensionless), or null when unknown. */
  public String unit(String metric) {
    return units.get(metric);
  }

  /** These specs with the units of metric definitions ({@code GET /metrics}, a verify file's). */
  public Specs withUnits(Map<String, String> metricUnits) {
    List<Spec> all = new ArrayList<>();
    byMetric.values().forEach(all::addAll);
    Map<String, String> merged = new LinkedHashMap<>(units);
    merged.putAll(metricUnits);
    return new Specs(all, merged);
  }

  /** True when these specs know no metric: no spec and no unit. */
  public boolean isEmpty() {
    return units.isEmpty();
  }

  /** Every spec of a metric (empty when it has none). */
  public List<Spec> of(String metric) {
    return List.copyOf(byMetric.getOrDefault(metric, List.of()));
  }

  /** The metrics with at least one spec. */
  public Set<String> metrics() {
    return byMetric.keySet();
  }

  /** For each level, the most specific spec of {@code metric} applying to this dataset and filter. */
  public Map<String, Spec> levels(String metric, String dataset, String filter) {
    Map<String, Spec> levels = new LinkedHashMap<>();
    of(metric).stream()
        .filter(s -> s.appliesTo(dataset, filter))
        .sorted(Comparator.comparingInt(Spec::specificity).reversed())
        .forEach(s -> levels.putIfAbsent(s.level(), s));
    return levels;
  }

  /** Whether lower is better for this metric, as its specs' operators say; empty when unknown. */
  public Optional<Boolean> lowerIsBetter(String metric) {
    Set<Boolean> directions = new HashSet<>();
    for (Spec spec : of(metric)) {
      if (spec.lowerIsBetter() != null) {
        directions.add(spec.lowerIsBetter());
      }
    }
    return directions.size() == 1 ? Optional.of(directions.iterator().next()) : Optional.empty();
  }

  /** Reads {@code --specs}: an http(s) URL or a file. */
  public static Specs load(String urlOrFile, HttpSettings http) {
    if (urlOrFile.startsWith("http://") || urlOrFile.startsWith("https://")) {
      return fetch(URI.create(urlOrFile), http);
    }
    Path file = Path.of(urlOrFile);
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, urlOrFile);
    } catch (NoSuchFileException e) {
      throw new SpecsException("--specs " + urlOrFile + ": no such file");
    } catch (IOException e) {
      throw new SpecsException("--specs " + urlOrFile + ": " + e.getMessage());
    }
  }

  /** Reads {@code GET <squash-url>/specs}. */
  public static Specs fromSquash(URI squashUrl, HttpSettings http) {
    return fetch(URI.create(squashUrl.toString().replaceAll("/+$", "") + "/specs"), http);
  }

  private static Specs fetch(URI uri, HttpSettings http) {
    try (Streamed answer = new Fetch(http).get(uri, Map.of())) {
      if (answer.status() != 200) {
        throw new SpecsException("GET " + Fetch.origin(uri) + uri.getRawPath() + " answered "
            + answer.status() + ": no specs read");
      }
      return parse(answer.body(), Fetch.origin(uri) + uri.getRawPath());
    } catch (IOException e) {
      throw new SpecsException("specs: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SpecsException("specs: interrupted");
    }
  }

  /** Parses one document; {@code source} names it in errors. */
  public static Specs parse(InputStream in, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(in);
    } catch (IOException e) {
      throw new SpecsException(source + " is not JSON: "
          + e.getMessage().lines().findFirst().orElse(""));
    }
    JsonNode list = root == null ? null : root.isArray() ? root : root.get("specs");
    if (list == null || !(list.isArray() || list.isObject())) {
      throw new SpecsException(source + " holds no specs: expected {\"specs\": [...]}, a list of"
          + " specs, or an lsst.verify job file");
    }
    return read(List.of(root));
  }

  /**
   * The specs and metric units of these documents (job files, {@code /specs} or {@code /metrics}
   * answers, lists of specs), any of which may hold none.
   */
  public static Specs read(List<JsonNode> documents) {
    List<Spec> specs = new ArrayList<>();
    Map<String, String> units = new LinkedHashMap<>();
    for (JsonNode root : documents) {
      for (JsonNode node : root.isArray() ? root : root.path("specs")) {
        spec(node).ifPresent(specs::add);
      }
      units.putAll(units(root.path("metrics")));
    }
    return new Specs(specs, units);
  }

  /** The units of a list (or object) of metric definitions: {@code {"name", "unit"}}. */
  static Map<String, String> units(JsonNode metrics) {
    Map<String, String> units = new LinkedHashMap<>();
    for (JsonNode metric : metrics) {
      if (metric.hasNonNull("name") && metric.hasNonNull("unit")) {
        units.put(metric.get("name").asText(), metric.get("unit").asText());
      }
    }
    return units;
  }

  /** A threshold spec, or empty for another type or an incomplete one. */
  static Optional<Spec> spec(JsonNode node) {
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
    String dataset = query.hasNonNull("dataset_name") ? query.get("dataset_name").asText() : null;
    Set<String> filters = new HashSet<>();
    if (query.hasNonNull("filter_name")) {
      filters.add(Spec.band(query.get("filter_name").asText()));
    } else {
      filters.addAll(filterLetters(last, level));
    }
    return Optional.of(new Spec(name, name.substring(0, dot), level,
        threshold.get("value").asDouble(), threshold.path("unit").asText(""), operator, dataset,
        filters));
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
