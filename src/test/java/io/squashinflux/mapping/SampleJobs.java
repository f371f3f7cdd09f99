package io.squashinflux.mapping;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squashinflux.source.Job;
import io.squashinflux.source.Measurement;
import io.squashinflux.source.PackageVersion;
import io.squashinflux.testing.SharedSamples;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the shared sample documents into {@link Job} records, just enough for mapping tests; the
 * project's job parser lives in the source stage and is tested there.
 */
final class SampleJobs {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private SampleJobs() {}

  static Job read(String name, Job.Origin origin) throws IOException {
    JsonNode doc = JSON.readTree(SharedSamples.file(name).toFile());
    Map<String, JsonNode> meta = new LinkedHashMap<>();
    doc.path("meta").properties().forEach(e -> meta.put(e.getKey(), e.getValue()));
    JsonNode envNode = meta.remove("env");
    JsonNode packagesNode = meta.remove("packages");
    Map<String, JsonNode> env = new LinkedHashMap<>();
    if (envNode != null) {
      envNode.properties().forEach(e -> env.put(e.getKey(), e.getValue()));
    }
    String dataset = text(doc.get("ci_dataset"));
    if (dataset == null) {
      dataset = text(env.get("ci_dataset"));
    }
    Long id = doc.hasNonNull("id") ? doc.get("id").longValue() : null;
    return new Job(origin == Job.Origin.API ? "job " + id : name, origin, id,
        id == null ? null : "https://squash-restful-api.lsst.codes/job/" + id,
        text(doc.get("date_created")), text(env.get("date")), dataset, measurements(doc), meta, env,
        packages(packagesNode));
  }

  private static List<Measurement> measurements(JsonNode doc) {
    List<Measurement> list = new ArrayList<>();
    for (JsonNode m : doc.path("measurements")) {
      JsonNode value = m.get("value");
      Double number = value != null && value.isNumber() ? value.doubleValue() : null;
      list.add(new Measurement(m.get("metric").textValue(), number,
          value == null ? "null" : value.isNumber() ? value.decimalValue().toString() : value.toString(),
          text(m.get("unit"))));
    }
    return list;
  }

  private static List<PackageVersion> packages(JsonNode node) {
    List<PackageVersion> list = new ArrayList<>();
    if (node == null) {
      return list;
    }
    List<JsonNode> entries = new ArrayList<>();
    node.elements().forEachRemaining(entries::add);
    for (JsonNode p : entries) {
      list.add(new PackageVersion(p.get("name").textValue(), text(p.get("git_sha")),
          text(p.get("git_url")), text(p.get("git_branch")), text(p.get("eups_version"))));
    }
    return list;
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }
}
