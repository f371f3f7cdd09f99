package io.squashinflux.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A data model as data: how a job's metrics, meta and env become InfluxDB points. Read from a
 * mapping file (see the comment at the top of {@code notebook.mapping} for the format); immutable.
 */
public final class Mapping {

  /** The built-in models, shipped as mapping files next to this class. */
  public static final List<String> BUILT_IN = List.of("notebook", "squash");

  private final String file;
  private final String name;
  private final boolean shortFieldKeys;
  private final boolean flattenEnv;
  private final Rule defaultRule;
  private final TimeSource time;
  private final boolean jobsApart;
  private final DatasetFilter datasets;
  private final Map<String, String> constantTags;
  private final boolean codeChanges;
  private final boolean packages;
  private final Map<String, Rule> rules;
  private final Map<String, Integer> ranks;
  private final Style style;

  /**
   * How names are spelled and whether the meta is first prepared as SQuaSH's own task did.
   *
   * @param underscoreSpaces spaces in tag keys, tag values and field keys become {@code _}
   * @param prepareSquash the job's meta is prepared as SQuaSH's task did (see {@code squash.mapping})
   * @param ruleLines each listed source key's line, {@code FILE:LINE: key = rule}, for advice
   */
  record Style(boolean underscoreSpaces, boolean prepareSquash, Map<String, String> ruleLines) {
    Style {
      ruleLines = Collections.unmodifiableMap(new LinkedHashMap<>(ruleLines));
    }
  }

  Mapping(
      String file,
      String name,
      boolean shortFieldKeys,
      boolean flattenEnv,
      Rule defaultRule,
      TimeSource time,
      boolean jobsApart,
      DatasetFilter datasets,
      Map<String, String> constantTags,
      boolean codeChanges,
      boolean packages,
      Map<String, Rule> rules,
      Style style) {
    this.file = Objects.requireNonNull(file, "file == null");
    this.name = Objects.requireNonNull(name, "name == null");
    this.shortFieldKeys = shortFieldKeys;
    this.flattenEnv = flattenEnv;
    this.defaultRule = Objects.requireNonNull(defaultRule, "defaultRule == null");
    this.time = Objects.requireNonNull(time, "time == null");
    this.jobsApart = jobsApart;
    this.datasets = Objects.requireNonNull(datasets, "datasets == null");
    this.constantTags = Collections.unmodifiableMap(new LinkedHashMap<>(constantTags));
    this.codeChanges = codeChanges;
    this.packages = packages;
    this.rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
    this.ranks = rankOf(this.rules);
    this.style = Objects.requireNonNull(style, "style == null");
  }

  /** A built-in model: {@code notebook} (the default) or {@code squash}. */
  public static Mapping builtIn(String name) {
    if (!BUILT_IN.contains(name)) {
      throw new MappingException(
          "unknown model '" + name + "': expected " + String.join(" or ", BUILT_IN) + ", or a file");
    }
    String resource = name + ".mapping";
    try (InputStream in = Mapping.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("built-in mapping missing from the jar: " + resource);
      }
      return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A mapping file; a problem in it is a {@link MappingException} naming the file and line. */
  public static Mapping load(Path path) throws IOException {
    return parse(path.getFileName().toString(), Files.readString(path, StandardCharsets.UTF_8));
  }

  /** A mapping given as text; {@code file} is how error messages name it. */
  public static Mapping parse(String file, String text) {
    return new MappingParser(file).parse(text);
  }

  /** The model's name. */
  public String name() {
    return name;
  }

  /** The time source in effect. */
  public TimeSource timeSource() {
    return time;
  }

  /**
   * True when each job's points sit a few nanoseconds after its time, by {@link JobOffset}, so two
   * jobs of one series and one instant are both kept (setting {@code time-offset = job}).
   */
  public boolean jobsApart() {
    return jobsApart;
  }

  /** The dataset include list in effect (empty: every dataset not excluded). */
  public List<String> include() {
    return datasets.include();
  }

  /** The dataset exclude list in effect. */
  public List<String> exclude() {
    return datasets.exclude();
  }

  /** True when each job also yields a {@code packages} point per package. */
  public boolean packages() {
    return packages;
  }

  /**
   * This mapping with the command line's dataset lists: a non-empty {@code include} replaces the
   * include list; {@code extraExclude} adds to the file's excludes, or replaces them when {@code
   * clearDefaultExcludes}.
   */
  public Mapping withDatasetFilter(
      List<String> include, List<String> extraExclude, boolean clearDefaultExcludes) {
    List<String> exclude = new ArrayList<>(clearDefaultExcludes ? List.of() : datasets.exclude());
    exclude.addAll(extraExclude);
    List<String> allow = include.isEmpty() ? datasets.include() : include;
    return copy(time, new DatasetFilter(allow, exclude), packages);
  }

  /** This mapping with another time source. */
  public Mapping withTimeSource(TimeSource source) {
    return copy(Objects.requireNonNull(source, "source == null"), datasets, packages);
  }

  /** This mapping with the {@code packages} measurement switched on or off. */
  public Mapping withPackages(boolean on) {
    return copy(time, datasets, on);
  }

  private Mapping copy(TimeSource time, DatasetFilter datasets, boolean packages) {
    return new Mapping(file, name, shortFieldKeys, flattenEnv, defaultRule, time, jobsApart, datasets,
        constantTags, codeChanges, packages, rules, style);
  }

  /** The source keys whose rule writes this output name, for advice naming the line to change. */
  public List<String> sourceKeysOf(String output) {
    List<String> keys = new ArrayList<>();
    rules.forEach((key, rule) -> {
      if (rule.isTag() && output.equals(rule.name())) {
        keys.add(key);
      }
    });
    return keys.isEmpty() && !constantTags.containsKey(output) ? List.of(output) : keys;
  }

  /** The tag or field key a source key is written under, or null when the model drops it. */
  public String outputOf(String sourceKey) {
    Rule rule = ruleFor(sourceKey).named(sourceKey);
    return rule.kind() == Rule.Kind.DROP ? null : rule.name();
  }

  /** True when a source key is written as a tag. */
  public boolean tagged(String sourceKey) {
    return ruleFor(sourceKey).isTag();
  }

  /** The field keys the [keys] rules write (ids, URLs, times): every other field is a metric. */
  public java.util.Set<String> ruleFields() {
    java.util.Set<String> fields = new java.util.LinkedHashSet<>();
    rules.forEach((key, rule) -> {
      if (!rule.isTag() && rule.kind() != Rule.Kind.DROP) {
        fields.add(rule.named(key).name());
      }
    });
    return fields;
  }

  /** The metric a field key of a measurement holds: {@code pkg.metric} under either key style. */
  public String metricOf(String measurement, String fieldKey) {
    return shortFieldKeys ? measurement + "." + fieldKey : fieldKey;
  }

  /** The file this mapping was read from, as messages name it. */
  String file() {
    return file;
  }

  Style style() {
    return style;
  }

  /** True when spaces in tag keys, tag values and field keys are written as {@code _}. */
  public boolean underscoreSpaces() {
    return style.underscoreSpaces();
  }

  /** The line of the mapping file that decides this source key, {@code FILE:LINE: key = rule}. */
  public String lineOf(String sourceKey) {
    return style.ruleLines().get(sourceKey);
  }

  boolean shortFieldKeys() {
    return shortFieldKeys;
  }

  boolean flattenEnv() {
    return flattenEnv;
  }

  boolean codeChanges() {
    return codeChanges;
  }

  DatasetFilter datasets() {
    return datasets;
  }

  Map<String, String> constantTags() {
    return constantTags;
  }

  Map<String, Rule> rules() {
    return rules;
  }

  Rule defaultRule() {
    return defaultRule;
  }

  /** The rule for a source key: its own, or the default applied to the key's name. */
  Rule ruleFor(String key) {
    Rule rule = rules.get(key);
    return rule != null ? rule : defaultRule.named(key);
  }

  /** True when the mapping file lists a rule of its own for this source key. */
  boolean listed(String key) {
    return rules.containsKey(key);
  }

  /** Precedence of a source key: its line's place among the rules; unlisted keys come last. */
  int rankOf(String key) {
    Integer rank = ranks.get(key);
    return rank != null ? rank : Integer.MAX_VALUE;
  }

  private static Map<String, Integer> rankOf(Map<String, Rule> rules) {
    Map<String, Integer> ranks = new HashMap<>();
    for (String key : rules.keySet()) {
      ranks.put(key, ranks.size());
    }
    return ranks;
  }

  @Override
  public String toString() {
    return "Mapping[" + name + " from " + file + "]";
  }
}
