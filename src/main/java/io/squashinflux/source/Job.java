package io.squashinflux.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One verification job, as read from the SQuaSH API or from an lsst.verify job file.
 *
 * <p>Times are kept as the source wrote them: the mapping stage decides which one is the point's
 * time and reports a job whose time cannot be used. {@code meta} holds every meta entry except
 * {@code env} and {@code packages}, which have their own components.
 *
 * @param ref how reports name the job: {@code "job 1234"} or the file's path
 * @param origin where the job came from
 * @param id the SQuaSH job id, or null for a job file
 * @param url the job's API url ({@code <base>/job/<id>}), or null for a job file
 * @param dateCreated the raw {@code date_created} text, or null
 * @param runDate the raw {@code meta.env.date} text, or null
 * @param dataset the job's dataset (top-level, meta or env {@code ci_dataset}, or env {@code dataset}),
 *     or null
 * @param documentId the {@code id} the document itself holds (a {@code GET /job} answer), or null
 */
public record Job(
    String ref,
    Origin origin,
    Long id,
    String url,
    String dateCreated,
    String runDate,
    String dataset,
    List<Measurement> measurements,
    Map<String, JsonNode> meta,
    Map<String, JsonNode> env,
    List<PackageVersion> packages,
    Long documentId) {

  /** A job whose document holds no id of its own. */
  public Job(String ref, Origin origin, Long id, String url, String dateCreated, String runDate,
      String dataset, List<Measurement> measurements, Map<String, JsonNode> meta,
      Map<String, JsonNode> env, List<PackageVersion> packages) {
    this(ref, origin, id, url, dateCreated, runDate, dataset, measurements, meta, env, packages,
        null);
  }

  /**
   * This job with its API url when the SQuaSH base is known and its document holds an id; the id
   * stays {@link #documentId} (a file's job is still keyed by its path).
   */
  public Job withUrlFrom(String base) {
    if (documentId == null || url != null || base == null) {
      return this;
    }
    String jobUrl = base.replaceAll("/+$", "") + "/job/" + documentId;
    return new Job(ref, origin, id, jobUrl, dateCreated, runDate, dataset, measurements, meta, env,
        packages, documentId);
  }

  /** The SQuaSH job id: the one it was fetched by, else the one its document holds; or null. */
  public Long squashId() {
    return id != null ? id : documentId;
  }

  /** Where a job was read from. */
  public enum Origin {
    API,
    FILE
  }

  public Job {
    Objects.requireNonNull(ref, "ref == null");
    Objects.requireNonNull(origin, "origin == null");
    measurements = List.copyOf(measurements);
    meta = unmodifiableCopy(meta);
    env = unmodifiableCopy(env);
    packages = List.copyOf(packages);
  }

  /** Insertion order matters: tags and reports follow the document's key order. */
  private static Map<String, JsonNode> unmodifiableCopy(Map<String, JsonNode> map) {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
