package io.squashinflux.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.squashinflux.lineprotocol.FieldValue;
import io.squashinflux.lineprotocol.Point;
import io.squashinflux.lineprotocol.Notes;
import io.squashinflux.source.Job;
import io.squashinflux.source.Measurement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns jobs into points by one {@link Mapping}; one per run, thread-safe. Every value that does not
 * reach a point is reported to {@link Notes} with the job, the key and the reason.
 */
public final class Mapper {
  private final Mapping mapping;
  private final Notes notes;
  private final JobTime time;
  private final Map<String, MetricName> names = new ConcurrentHashMap<>();
  private final PointOwners owners = new PointOwners();

  /** The source keys the job itself gives (its id, url, times, dataset, code changes). */
  private static final java.util.Set<String> JOB_KEYS = java.util.Set.of("id", "url",
      "date_created", "dataset", "code_changes", "code_changes_counts");

  /** Why a point is noted when another job of the run wrote the same series and time. */
  public static final String SAME_POINT =
      "same series and time as another job's point: InfluxDB keeps one value per field";

  public Mapper(Mapping mapping, Notes notes) {
    this.mapping = mapping;
    this.notes = notes;
    this.time = new JobTime(mapping.timeSource());
  }

  /**
   * What the enrich stage must look up for this job before {@link #map(Job, Enrichment)}: the CI
   * run's first time (time source {@code ci-run}) and its code changes (when the model records
   * them), never for a job the dataset filter skips or a run without a usable id.
   */
  public Enrichment.Needs needs(Job job) {
    String ciId = runKey(job, "ci_id");
    if (mapping.datasets().rejects(job.dataset()) != null || !usableRun(ciId)) {
      return new Enrichment.Needs(null, null, null);
    }
    return new Enrichment.Needs(mapping.timeSource() == TimeSource.CI_RUN ? ciId : null,
        mapping.codeChanges() && (!mapping.style().prepareSquash() || SquashPrepare.jenkins(job))
            ? ciId : null,
        ciName(job));
  }

  /** False for ids the CI never had: absent, empty or {@code unknown} (lsst.verify's placeholder). */
  static boolean usableRun(String ciId) {
    return ciId != null && !ciId.isBlank() && !ciId.equals("unknown");
  }

  /** The job's points, or why it is skipped, for a job that needs no lookups. */
  public Mapped map(Job job) {
    return map(job, Enrichment.NONE);
  }

  /** The job's points, or why it is skipped; a pure function of the job and what was looked up. */
  public Mapped map(Job job, Enrichment enrichment) {
    String rejected = mapping.datasets().rejects(job.dataset());
    if (rejected != null) {
      return new Mapped.Skipped(Mapped.Skip.DATASET_FILTER, rejected);
    }
    String ciId = runKey(job, "ci_id");
    JobTime.Stamp stamp = time.of(job, ciId, enrichment, notes);
    if (stamp.nanos() == null) {
      return new Mapped.Skipped(Mapped.Skip.NO_USABLE_TIME, stamp.problem());
    }
    long nanos = mapping.jobsApart() ? JobOffset.apply(stamp.nanos(), job) : stamp.nanos();
    if (job.documentId() != null && job.id() != null && !job.documentId().equals(job.id())) {
      notes.changed(job.ref(), "id", "the document says id " + job.documentId()
          + ": used " + job.id() + ", the id it was fetched by");
    }
    Claims claims = new Claims(mapping, job.ref(), notes, origins(job, enrichment));
    List<Point> points = new ArrayList<>();
    metricFields(job).forEach((measurement, fields) ->
        points.add(point(job.ref(), measurement, claims, fields, nanos)));
    if (mapping.packages()) {
      PackagePoints.add(job, claims.tags, nanos, notes, points);
    }
    owners.claim(job.ref(), points).forEach((index, other) -> notes.dropped(job.ref(),
        points.get(index).measurement() + " (also written by " + other + ")", SAME_POINT));
    return new Mapped.Points(points);
  }

  /** The source keys in precedence order: job keys, meta, then env (all of it when flattened). */
  private List<Map<String, JsonNode>> origins(Job job, Enrichment enrichment) {
    Map<String, JsonNode> jobKeys = new LinkedHashMap<>();
    if (job.squashId() != null) {
      jobKeys.put("id", LongNode.valueOf(job.squashId()));
    }
    putText(jobKeys, "url", job.url());
    putText(jobKeys, "date_created", job.dateCreated());
    putText(jobKeys, "dataset", job.dataset());
    boolean squash = mapping.style().prepareSquash();
    if (mapping.codeChanges() && (!squash || SquashPrepare.jenkins(job))) {
      enrichment.codeChanges().ifPresent(changes -> {
        putText(jobKeys, "code_changes", CodeChangeText.links(changes.packages()));
        jobKeys.put("code_changes_counts",
            TextNode.valueOf(CodeChangeText.counts(changes.counts())));
      });
    }
    if (squash) {
      return SquashPrepare.origins(job, jobKeys, notes);
    }
    return List.of(jobKeys, job.meta(), mapping.flattenEnv() ? job.env() : listedEnv(job));
  }

  /**
   * Without flatten-env, the env keys the mapping names itself (the CI run's id and URL), but not
   * those the job keys already resolve (an env {@code dataset} is read into the job's dataset).
   */
  private Map<String, JsonNode> listedEnv(Job job) {
    Map<String, JsonNode> listed = new LinkedHashMap<>();
    job.env().forEach((key, value) -> {
      if (mapping.listed(key) && !JOB_KEYS.contains(key)) {
        listed.put(key, value);
      }
    });
    return listed;
  }

  /** The CI pipeline's name; SQuaSH's preparation took it from ci_url when that names one. */
  private String ciName(Job job) {
    String fromUrl = mapping.style().prepareSquash()
        ? SquashPrepare.pipelineOf(MetaValues.text(job.env().get("ci_url")))
        : null;
    return fromUrl != null ? fromUrl : runKey(job, "ci_name");
  }

  private static void putText(Map<String, JsonNode> keys, String key, String value) {
    if (value != null) {
      keys.put(key, TextNode.valueOf(value));
    }
  }

  /** A CI run key from env, or from meta where Gen3 jobs may put it. */
  private static String runKey(Job job, String key) {
    String value = MetaValues.text(job.env().get(key));
    return value != null ? value : MetaValues.text(job.meta().get(key));
  }

  /** Metric values grouped by measurement; values that cannot be floats are noted and left out. */
  private Map<String, Map<String, FieldValue>> metricFields(Job job) {
    Map<String, Map<String, FieldValue>> byMeasurement = new LinkedHashMap<>();
    for (Measurement measurement : job.measurements()) {
      String metric = measurement.metric();
      MetricName name = names.get(metric);
      if (name == null) {
        name = MetricName.of(metric, mapping.shortFieldKeys());
        names.putIfAbsent(metric, name);
      }
      String problem = name.problem() != null ? name.problem() : MetricValues.whyNot(measurement);
      if (problem != null) {
        notes.dropped(job.ref(), metric.isEmpty() ? "metric \"\"" : metric, problem);
        continue;
      }
      Map<String, FieldValue> fields =
          byMeasurement.computeIfAbsent(name.measurement(), k -> new LinkedHashMap<>());
      if (fields.containsKey(Claims.spaces(mapping, name.fieldKey()))) {
        notes.dropped(job.ref(), metric, "duplicate metric");
        continue;
      }
      if (MetricValues.rounded(measurement)) {
        notes.changed(job.ref(), metric, "rounded to nearest float64");
      }
      String key = Claims.spaces(mapping, name.fieldKey());
      if (!key.equals(name.fieldKey())) {
        notes.changed(job.ref(), metric, Claims.SPACES_CHANGED);
      }
      fields.put(key, FieldValue.of(measurement.value()));
    }
    return byMeasurement;
  }

  /** One package's point; a metric field wins over a job-level tag or field of the same name. */
  private Point point(String job, String measurement, Claims claims,
      Map<String, FieldValue> metrics, long nanos) {
    Map<String, String> tags = claims.tags;
    for (String tag : claims.tags.keySet()) {
      if (overridden(job, measurement, tag, claims, metrics)) {
        tags = new LinkedHashMap<>(tags);
        tags.remove(tag);
      }
    }
    Map<String, FieldValue> fields = metrics;
    for (Map.Entry<String, FieldValue> field : claims.fields.entrySet()) {
      if (!overridden(job, measurement, field.getKey(), claims, metrics)) {
        fields.put(field.getKey(), field.getValue());
      }
    }
    return new Point(job, measurement, tags, fields, nanos);
  }

  private boolean overridden(String job, String measurement, String name, Claims claims,
      Map<String, FieldValue> metrics) {
    if (!metrics.containsKey(name)) {
      return false;
    }
    notes.dropped(job, claims.owners.get(name), "'" + name + "' is a metric of " + measurement);
    return true;
  }
}
