package io.squashinflux.mapping;

import io.squashinflux.lineprotocol.Point;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts each measurement's distinct tag values, for {@code convert --stats}, and warns about tags
 * that look like identifiers: each of their values makes a new series, which is what exhausts
 * InfluxDB's memory. Exact sets stop at {@link #CAP} values, so memory stays bounded. Thread-safe.
 */
public final class Cardinality {
  /** Distinct values counted exactly per tag; beyond this the count reads {@code >CAP}. */
  public static final int CAP = 100_000;
  /** Above this many values a tag is flagged whatever the number of jobs. */
  static final int MANY = 10_000;
  /** At least this many jobs before the share of distinct values means something. */
  static final int MIN_JOBS = 20;

  private final Mapping mapping;
  private final Map<String, Integer> jobs = new TreeMap<>();
  private final Map<String, Map<String, Values>> tags = new TreeMap<>();

  /** Counts; advice names the keys of {@code mapping} to change (or the tag itself when null). */
  public Cardinality(Mapping mapping) {
    this.mapping = mapping;
  }

  /** The distinct values of one tag of one measurement. */
  public record TagCount(String measurement, String tag, int distinct, boolean capped, int jobs) {
    /** The count as reports print it: exact, or {@code >100000}. */
    public String distinctText() {
      return capped ? ">" + CAP : Integer.toString(distinct);
    }
  }

  /** Every tag's count, sorted by measurement and tag, and the warnings. */
  public record Report(List<TagCount> tags, List<String> warnings) {
    public Report {
      tags = List.copyOf(tags);
      warnings = List.copyOf(warnings);
    }
  }

  /** Adds the points of one job (one call per job, so the job count is right). */
  public synchronized void add(List<Point> jobPoints) {
    Set<String> measurements = new HashSet<>();
    for (Point point : jobPoints) {
      if (measurements.add(point.measurement())) {
        jobs.merge(point.measurement(), 1, Integer::sum);
      }
      Map<String, Values> byTag = tags.computeIfAbsent(point.measurement(), m -> new TreeMap<>());
      point.tags().forEach((tag, value) -> byTag.computeIfAbsent(tag, t -> new Values()).add(value));
    }
  }

  public synchronized Report report() {
    List<TagCount> counts = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    tags.forEach((measurement, byTag) -> byTag.forEach((tag, values) -> {
      TagCount count =
          new TagCount(measurement, tag, values.size(), values.capped, jobs.get(measurement));
      counts.add(count);
      if (looksLikeId(count)) {
        warnings.add(warning(count));
      }
    }));
    return new Report(counts, warnings);
  }

  static boolean looksLikeId(TagCount count) {
    return count.capped()
        || count.distinct() > MANY
        || (count.jobs() >= MIN_JOBS && count.distinct() >= 0.9 * count.jobs());
  }

  private String warning(TagCount count) {
    List<String> keys = mapping == null ? List.of(count.tag()) : mapping.sourceKeysOf(count.tag());
    String fix = keys.isEmpty()
        ? "remove it from [tags] in the mapping file"
        : "make it a field: \"" + String.join(" = field\", \"", keys) + " = field\" under [keys]"
            + " in a mapping file (--mapping)";
    return "measurement '" + count.measurement() + "': tag '" + count.tag() + "' has "
        + count.distinctText() + " distinct values in " + count.jobs() + " jobs and looks like an"
        + " identifier (one series per value); " + fix;
  }

  /** A set of values that stops growing at the cap and remembers that it did. */
  private static final class Values {
    private final Set<String> seen = new HashSet<>();
    private boolean capped;

    void add(String value) {
      if (!capped && seen.add(value) && seen.size() > CAP) {
        capped = true;
        seen.clear();
      }
    }

    int size() {
      return capped ? CAP : seen.size();
    }
  }
}
