package io.squashinflux.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.squashinflux.source.PackageVersion;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Renders a {@link Draft} as a {@code GET /job/<id>} response or as an lsst.verify job file. */
final class JobShapes {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private static final DateTimeFormatter CREATED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter RUN_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'").withZone(ZoneOffset.UTC);

  private JobShapes() {}

  /** Keys in the order of the real API response. */
  static ObjectNode api(Draft d) {
    ObjectNode job = MAPPER.createObjectNode();
    job.put("id", d.id());
    job.put("date_created", CREATED.format(d.dateCreated()));
    job.put("ci_dataset", d.datasetName());
    job.putNull("s3_uri");
    ArrayNode measurements = job.putArray("measurements");
    for (Draft.Value v : d.values()) {
      ObjectNode m = measurements.addObject();
      m.put("value", v.value());
      m.put("unit", v.metric().unit());
      m.put("metric", v.metric().name());
      ObjectNode blob = m.putArray("blobs").addObject();
      String pkg = v.metric().packageName();
      blob.put("identifier", d.blobIds().get(pkg));
      blob.put("name", Draft.blobName(pkg));
      blob.putNull("s3_uri");
    }
    ObjectNode meta = meta(job, d);
    ArrayNode packages = meta.putArray("packages");
    d.packages().forEach(p -> packages.add(packageNode(p)));
    meta.set("env", env(d));
    return job;
  }

  /** Keys in the order lsst.verify writes them; the run date is the job's only time. */
  static ObjectNode verify(Draft d) {
    ObjectNode job = MAPPER.createObjectNode();
    ArrayNode measurements = job.putArray("measurements");
    ArrayNode blobs = job.putArray("blobs");
    d.blobIds().forEach((pkg, id) -> blobs.add(blob(pkg, id)));
    ArrayNode metrics = job.putArray("metrics");
    for (Draft.Value v : d.values()) {
      ObjectNode m = measurements.addObject();
      m.put("metric", v.metric().name());
      m.put("identifier", v.identifier());
      m.put("value", v.value());
      m.put("unit", v.metric().unit());
      m.putArray("blob_refs").add(d.blobIds().get(v.metric().packageName()));
      metrics.add(Reference.metric(v.metric()));
    }
    job.set("specs", Reference.specs());
    ObjectNode meta = meta(job, d);
    ObjectNode packages = meta.putObject("packages");
    d.packages().forEach(p -> packages.set(p.name(), packageNode(p)));
    meta.set("env", env(d));
    return job;
  }

  private static ObjectNode meta(ObjectNode job, Draft d) {
    ObjectNode meta = job.putObject("meta");
    meta.put("dataset_repo_url", d.dataset().repoUrl());
    meta.put("filter_name", d.filter());
    meta.put("instrument", d.dataset().instrument());
    return meta;
  }

  private static ObjectNode env(Draft d) {
    ObjectNode env = MAPPER.createObjectNode();
    env.put("env_name", "jenkins");
    env.put("ci_id", d.ciId());
    env.put("ci_name", "validate_drp");
    env.put("ci_dataset", d.datasetName());
    env.put("ci_label", "centos-7");
    env.put("ci_url", d.ciUrl());
    env.put("ci_refs", d.ciRefs());
    env.put("status", d.status());
    env.put("date", RUN_DATE.format(d.runDate()));
    return env;
  }

  static ObjectNode packageNode(PackageVersion p) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("name", p.name());
    node.put("git_sha", p.gitSha());
    node.put("git_url", p.gitUrl());
    node.put("git_branch", p.gitBranch());
    node.put("eups_version", p.eupsVersion());
    return node;
  }

  private static JsonNode blob(String pkg, String identifier) {
    ObjectNode blob = MAPPER.createObjectNode();
    blob.put("identifier", identifier);
    blob.put("name", Draft.blobName(pkg));
    ObjectNode range = blob.putObject("data").putObject("magRange");
    range.putArray("value").add(17.0).add(21.5);
    range.put("unit", "mag");
    range.putNull("label");
    range.put("description", "Stellar magnitude selection range.");
    return blob;
  }
}
