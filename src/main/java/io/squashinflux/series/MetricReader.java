package io.squashinflux.series;

import io.squashinflux.influx.InfluxQuery;
import io.squashinflux.influx.Series;
import io.squashinflux.series.SeriesException;
import static io.squashinflux.influx.InfluxQuery.identifier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a database's metrics back as the mapping wrote them: which measurements and fields are
 * metrics, then one metric at a time, its series per dataset and filter. One reader serves one
 * thread: it keeps the last measurement's links.
 */
public final class MetricReader {
  private static final Pattern LINK = Pattern.compile("^\\[(.*)\\]\\((.*)\\)$", Pattern.DOTALL);

  private final InfluxQuery query;
  private final ReadModel model;
  private String linksOf;
  private Map<String, SeriesLinks> links;

  public MetricReader(InfluxQuery query, ReadModel model) {
    this.query = query;
    this.model = model;
  }

  /**
   * The metric fields of these measurements (all but {@code packages} when empty), sorted by
   * metric name; a measurement without the mapping's dataset tag is a {@link SeriesException}.
   */
  public List<MetricField> metrics(List<String> only) {
    query.requireDatabase();
    List<String> present = query.firstColumn("SHOW MEASUREMENTS");
    List<String> measurements = new ArrayList<>();
    for (String name : only.isEmpty() ? present : only) {
      if (!present.contains(name)) {
        throw new SeriesException("database \"" + query.database() + "\" has no measurement \""
            + name + "\" (it has: " + String.join(", ", present) + ")");
      }
      if (!ReadModel.holdsNoMetrics(name)) {
        measurements.add(name);
      }
    }
    List<MetricField> fields = new ArrayList<>();
    for (String measurement : measurements) {
      requireTags(measurement);
      for (Series s : query.series("SHOW FIELD KEYS FROM " + identifier(measurement))) {
        for (List<Object> row : s.rows()) {
          String field = String.valueOf(row.get(0));
          String metric = model.metricOf(measurement, field);
          boolean numeric = "float".equals(row.get(1)) || "integer".equals(row.get(1));
          if (metric != null && numeric) {
            fields.add(new MetricField(measurement, field, metric));
          }
        }
      }
    }
    fields.sort(java.util.Comparator.comparing(MetricField::metric));
    return fields;
  }

  private void requireTags(String measurement) {
    List<String> tags = query.firstColumn("SHOW TAG KEYS FROM " + identifier(measurement));
    for (String[] tag : new String[][] {{model.datasetTag(), "dataset"}, {model.filterTag(), "filter"}}) {
      if (!tags.contains(tag[0])) {
        throw new SeriesException("measurement \"" + measurement + "\" has no tag \"" + tag[0]
            + "\" where mapping " + model.mapping().name() + " keeps the " + tag[1] + " (its tags: "
            + String.join(", ", tags) + "): was it written with another --mapping?");
      }
    }
  }

  /** The series of one metric, per dataset and filter, each in time order. */
  public List<MetricSeries> read(MetricField metric) {
    return read(metric, List.of());
  }

  /**
   * The series of one metric, per dataset, filter and the tags of these metadata keys that its
   * measurement has, each series carrying those it has a value of.
   */
  public List<MetricSeries> read(MetricField metric, List<String> metadataKeys) {
    Map<String, String> terms = new LinkedHashMap<>();
    if (!metadataKeys.isEmpty()) {
      List<String> tags = query.firstColumn("SHOW TAG KEYS FROM " + identifier(metric.measurement()));
      for (String key : metadataKeys) {
        String tag = model.tagOf(key);
        if (tag != null && tags.contains(tag) && !model.seriesTags().contains(tag)) {
          terms.put(key, tag);
        }
      }
    }
    StringBuilder q = new StringBuilder("SELECT ").append(identifier(metric.field()))
        .append(" FROM ").append(identifier(metric.measurement())).append(" GROUP BY ")
        .append(identifier(model.datasetTag())).append(", ").append(identifier(model.filterTag()));
    for (String tag : terms.values()) {
      q.append(", ").append(identifier(tag));
    }
    Map<String, SeriesLinks> links = links(metric.measurement());
    Map<List<String>, List<Point>> bySeries = new LinkedHashMap<>();
    List<String> groupTags = new ArrayList<>(model.seriesTags());
    groupTags.addAll(terms.values());
    query.stream(q.toString(), chunk -> collect(chunk, metric, groupTags, links, bySeries));
    List<MetricSeries> out = new ArrayList<>();
    List<String> keys = new ArrayList<>(terms.keySet());
    bySeries.forEach((key, points) -> {
      Map<String, String> carried = new LinkedHashMap<>();
      for (int i = 0; i < keys.size(); i++) {
        String value = key.get(i + 2);
        if (value != null && !value.isEmpty()) {
          carried.put(keys.get(i), value);
        }
      }
      out.add(new MetricSeries(metric.metric(), key.get(0), key.get(1), points, carried));
    });
    return out;
  }

  private void collect(Series chunk, MetricField metric, List<String> groupTags,
      Map<String, SeriesLinks> links, Map<List<String>, List<Point>> bySeries) {
    int value = chunk.column(metric.field());
    List<String> key = new ArrayList<>();
    groupTags.forEach(tag -> key.add(chunk.tag(tag)));
    SeriesLinks series = links.getOrDefault(seriesKey(chunk), SeriesLinks.NONE);
    List<Point> points = bySeries.computeIfAbsent(key, k -> new ArrayList<>());
    for (List<Object> row : chunk.rows()) {
      if (!(row.get(value) instanceof Number number) || !Double.isFinite(number.doubleValue())) {
        continue;
      }
      long time = ((Number) row.get(0)).longValue();
      Link link = series.at(time);
      points.add(new Point(time, number.doubleValue(), link.job(), link.run(), link.url()));
    }
  }

  /** A point's job and CI run as its measurement keeps them beside the metrics. */
  private record Link(Long job, String run, String url) {
    static final Link NONE = new Link(null, null, null);
  }

  /** One series' links in time order, as InfluxDB returns them, found by binary search. */
  private static final class SeriesLinks {
    static final SeriesLinks NONE = new SeriesLinks();
    private long[] times = new long[16];
    private Link[] links = new Link[16];
    private int size;

    void add(long time, Link link) {
      if (size == times.length) {
        times = Arrays.copyOf(times, size * 2);
        links = Arrays.copyOf(links, size * 2);
      }
      times[size] = time;
      links[size++] = link;
    }

    Link at(long time) {
      int i = Arrays.binarySearch(times, 0, size, time);
      return i >= 0 ? links[i] : Link.NONE;
    }
  }

  /**
   * The job and CI run of each point of a measurement, by dataset, filter and time, read once
   * for all of its metrics: a measurement of the notebook model holds dozens of metrics, and
   * reading the links again with each made the report a third slower. The last measurement's
   * are kept, as metrics come sorted by name, which keeps a measurement's together.
   */
  private Map<String, SeriesLinks> links(String measurement) {
    if (measurement.equals(linksOf)) {
      return links;
    }
    Map<String, SeriesLinks> out = new HashMap<>();
    List<String> fields = new ArrayList<>();
    for (String field : new String[] {model.jobIdField(), model.runIdField(), model.jobUrlField(),
        model.runUrlField()}) {
      if (field != null) {
        fields.add(identifier(field));
      }
    }
    if (!fields.isEmpty()) {
      query.stream("SELECT " + String.join(", ", fields) + " FROM " + identifier(measurement)
          + " GROUP BY " + identifier(model.datasetTag()) + ", " + identifier(model.filterTag()),
          chunk -> collectLinks(chunk, out));
    }
    linksOf = measurement;
    links = out;
    return out;
  }

  private void collectLinks(Series chunk, Map<String, SeriesLinks> out) {
    int job = column(chunk, model.jobIdField());
    int run = column(chunk, model.runIdField());
    int jobUrl = column(chunk, model.jobUrlField());
    int runUrl = column(chunk, model.runUrlField());
    SeriesLinks series = out.computeIfAbsent(seriesKey(chunk), k -> new SeriesLinks());
    for (List<Object> row : chunk.rows()) {
      // The CI run's page is what a person reads; the job's URL is SQuaSH's API answer (JSON).
      String url = link(cell(row, runUrl));
      Link link = new Link(job >= 0 && row.get(job) instanceof Number id ? id.longValue() : null,
          cell(row, run), url != null ? url : link(cell(row, jobUrl)));
      series.add(((Number) row.get(0)).longValue(), link);
    }
  }

  /** Dataset and filter: the key of a series' links. */
  private String seriesKey(Series chunk) {
    return chunk.tag(model.datasetTag()) + '\0' + chunk.tag(model.filterTag()) + '\0';
  }

  private static int column(Series chunk, String field) {
    return field == null ? -1 : chunk.column(field);
  }

  private static String cell(List<Object> row, int column) {
    return column < 0 || row.get(column) == null ? null : String.valueOf(row.get(column));
  }

  /** The URL of a markdown link {@code [text](url)}, or the text itself when it is a URL. */
  static String link(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = LINK.matcher(text);
    String url = m.matches() ? m.group(2) : text;
    return url.startsWith("http://") || url.startsWith("https://") ? url : null;
  }
}
