package io.squashinflux.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.squashinflux.lineprotocol.Notes;
import io.squashinflux.source.Job;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The job's source keys as SQuaSH's own task prepared them before mapping ({@code prepare =
 * squash}), so its tags come out spelled as they were: {@code ci_name} taken from {@code ci_url}
 * when it names a known pipeline; env {@code ci_dataset} set to the job's dataset for Jenkins jobs
 * and removed for others (there is no resolved {@code dataset} key); meta's own {@code
 * dataset_repo_url} removed; nested objects in meta or env flattened into one namespace. A job
 * without {@code env_name} is simply not a Jenkins job (SQuaSH's task crashed on it).
 */
final class SquashPrepare {
  private SquashPrepare() {}

  /** Checked in this order: {@code validate_drp} is part of {@code validate_drp_gen3}. */
  private static final List<String> PIPELINES = List.of("validate_drp_gen3", "validate_drp", "ap_verify");

  /** True for a job that ran in Jenkins, the only jobs SQuaSH asked code changes for. */
  static boolean jenkins(Job job) {
    return "jenkins".equals(MetaValues.text(job.env().get("env_name")));
  }

  /** The origins in precedence order: the job keys, meta, env. */
  static List<Map<String, JsonNode>> origins(Job job, Map<String, JsonNode> jobKeys, Notes notes) {
    Map<String, JsonNode> keys = new LinkedHashMap<>(jobKeys);
    keys.remove("dataset");
    Map<String, JsonNode> meta = flat(job.meta(), job.ref(), notes);
    meta.remove("dataset_repo_url");
    Map<String, JsonNode> env = flat(job.env(), job.ref(), notes);
    env.remove("ci_dataset");
    if (jenkins(job) && job.dataset() != null) {
      env.put("ci_dataset", TextNode.valueOf(job.dataset()));
    }
    String pipeline = pipelineOf(MetaValues.text(env.get("ci_url")));
    if (pipeline != null) {
      env.put("ci_name", TextNode.valueOf(pipeline));
    }
    return List.of(keys, meta, env);
  }

  /** The pipeline a CI url names, or null. */
  static String pipelineOf(String ciUrl) {
    if (ciUrl != null) {
      for (String pipeline : PIPELINES) {
        if (ciUrl.contains(pipeline)) {
          return pipeline;
        }
      }
    }
    return null;
  }

  /** Nested objects' entries join the map at their place, without a prefix, as SQuaSH did. */
  private static Map<String, JsonNode> flat(Map<String, JsonNode> entries, String job, Notes notes) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    entries.forEach((key, value) -> add(out, key, value, 0, job, notes));
    return out;
  }

  private static void add(Map<String, JsonNode> out, String key, JsonNode value, int depth,
      String job, Notes notes) {
    if (value != null && value.isObject() && depth < 8) {
      value.properties().forEach(e -> add(out, e.getKey(), e.getValue(), depth + 1, job, notes));
    } else if (out.putIfAbsent(key, value) != null && !out.get(key).equals(value)) {
      notes.dropped(job, key, "'" + key + "' already set at an outer level");
    }
  }
}
