package io.squashinflux.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/** The {@code GET /code_changes/<ci_id>} answer: the packages whose git sha differs from the previous run. */
final class CodeChanges {
  private CodeChanges() {}

  /**
   * Compares the {@code meta.packages} lists of the first jobs of two runs; with no previous run,
   * nothing counts as changed.
   */
  static ObjectNode between(String ciId, String previousCiId, JsonNode job, JsonNode previousJob) {
    Map<String, String> before = new HashMap<>();
    if (previousJob != null) {
      for (JsonNode p : previousJob.path("meta").path("packages")) {
        before.put(p.path("name").asText(), p.path("git_sha").asText());
      }
    }
    ObjectNode out = JobShapes.MAPPER.createObjectNode();
    out.put("id", ciId);
    out.put("previous_id", previousCiId);
    ArrayNode packages = out.putArray("packages");
    for (JsonNode p : job.path("meta").path("packages")) {
      String name = p.path("name").asText();
      String sha = p.path("git_sha").asText();
      if (previousJob != null && !sha.equals(before.get(name))) {
        packages.addArray().add(name).add(sha).add(p.path("git_url").asText());
      }
    }
    out.put("counts", packages.size()); // an integer, as squash-api's code_changes.py answers
    return out;
  }
}
