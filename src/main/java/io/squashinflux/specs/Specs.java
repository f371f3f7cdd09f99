package io.squashinflux.specs;

import com.fasterxml.jackson.databind.JsonNode;
import io.squashinflux.net.HttpSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The thresholds and definitions of every metric, from wherever {@code --specs} and
 * {@code --squash-url} say: SQuaSH's {@code GET /specs} and {@code GET /metrics} answers (live or
 * saved), a bare list of specs, an lsst.verify job file, or a verify_metrics checkout. The report,
 * the dashboards, {@code specs} and {@code serve-api} all read them through {@link #load}.
 */
public final class Specs {
  /** No thresholds at all. */
  public static final Specs NONE = new Specs(List.of(), Map.of(), List.of());

  private final Map<String, List<Spec>> byMetric = new LinkedHashMap<>();
  private final Map<String, String> units = new LinkedHashMap<>();
  private final Map<String, MetricDefinition> definitions = new LinkedHashMap<>();
  private final List<String> notes;

  Specs(List<Spec> specs) {
    this(specs, Map.of(), List.of());
  }

  Specs(List<Spec> specs, Map<String, MetricDefinition> definitions, List<String> notes) {
    for (Spec spec : specs) {
      byMetric.computeIfAbsent(spec.metric(), m -> new ArrayList<>()).add(spec);
      units.putIfAbsent(spec.metric(), spec.unit());
    }
    this.definitions.putAll(definitions);
    definitions.forEach((name, d) -> units.put(name, d.unit()));
    this.notes = List.copyOf(notes);
  }

  /**
   * The one reader of {@code --specs} and {@code --squash-url}: {@code --specs} (a URL, a file
   * or a verify_metrics checkout) gives the specs, else the SQuaSH API's {@code /specs}; the
   * API's {@code /metrics} adds definitions. Either may be null.
   */
  public static Specs load(String specs, URI squashUrl, HttpSettings http) {
    Specs out = specs == null ? NONE : load(specs, http);
    if (squashUrl != null) {
      String base = squashUrl.toString().replaceAll("/+$", "");
      if (specs == null) {
        out = out.plus(SpecsReader.fetch(URI.create(base + "/specs"), http, true));
      }
      out = out.plus(SpecsReader.fetch(URI.create(base + "/metrics"), http, false));
    }
    return out;
  }

  /** Reads {@code --specs}: an http(s) URL, a verify_metrics checkout (or its folders) or a file. */
  public static Specs load(String urlOrPath, HttpSettings http) {
    if (urlOrPath.startsWith("http://") || urlOrPath.startsWith("https://")) {
      return SpecsReader.fetch(URI.create(urlOrPath), http, true);
    }
    Path path = Path.of(urlOrPath);
    if (Files.isDirectory(path)) {
      return read(Checkout.at(path).documents());
    }
    return SpecsReader.file(path, urlOrPath);
  }

  /** Parses one JSON document, streamed; {@code source} names it in errors. */
  public static Specs parse(java.io.InputStream in, String source) {
    return SpecsReader.stream(in, source);
  }

  /**
   * The specs and metric definitions of these documents (job files, {@code /specs} or
   * {@code /metrics} answers, lists of specs), any of which may hold none.
   */
  public static Specs read(List<JsonNode> documents) {
    SpecsReader.Collector collector = new SpecsReader.Collector("");
    for (JsonNode root : documents) {
      for (JsonNode node : root.isArray() ? root : root.path("specs")) {
        collector.spec(node);
      }
      for (JsonNode node : root.path("metrics")) {
        collector.metric(node);
      }
    }
    return collector.specs();
  }

  /** These specs and those of another source; the other's definitions win. */
  Specs plus(Specs other) {
    List<Spec> all = new ArrayList<>();
    byMetric.values().forEach(all::addAll);
    other.byMetric.values().forEach(all::addAll);
    Map<String, MetricDefinition> defs = new LinkedHashMap<>(definitions);
    defs.putAll(other.definitions);
    List<String> both = new ArrayList<>(notes);
    both.addAll(other.notes);
    return new Specs(all, defs, both);
  }

  /** What was read but not used, one line each (a NaN threshold), for the command to print. */
  public List<String> notes() {
    return notes;
  }

  /** The metric's unit (astropy's spelling; "" when dimensionless), or null when unknown. */
  public String unit(String metric) {
    return units.get(metric);
  }

  /** The metric's definition, or null when none was read. */
  public MetricDefinition definition(String metric) {
    return definitions.get(metric);
  }

  /** True when these specs know no metric: no spec, no unit and no definition. */
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

  /** The metadata_query terms, beside dataset and filter, that some spec needs a series to carry. */
  public Set<String> terms() {
    Set<String> terms = new LinkedHashSet<>();
    byMetric.values().forEach(list -> list.forEach(s -> terms.addAll(s.terms().keySet())));
    return terms;
  }

  /** For each level, the most specific spec of {@code metric} applying to this dataset and filter. */
  public Map<String, Spec> levels(String metric, String dataset, String filter) {
    return levels(metric, dataset, filter, Map.of());
  }

  /** For each level, the most specific spec applying to a series carrying these query terms. */
  public Map<String, Spec> levels(String metric, String dataset, String filter,
      Map<String, String> carried) {
    Map<String, Spec> levels = new LinkedHashMap<>();
    of(metric).stream()
        .filter(s -> s.appliesTo(dataset, filter, carried))
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
}
