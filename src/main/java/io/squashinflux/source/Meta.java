package io.squashinflux.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.squashinflux.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job's {@code meta} object split into its parts: the plain entries in document order, the
 * {@code env} entries and the packages, which come as a list from the API and as a dict keyed by
 * name in lsst.verify files.
 */
record Meta(Map<String, JsonNode> entries, Map<String, JsonNode> env, List<PackageVersion> packages) {

  static final Meta EMPTY = new Meta(Map.of(), Map.of(), List.of());

  /** Reads the meta object the parser is on; {@code null} is an empty meta. */
  static Meta read(JsonParser p, boolean withPackages) throws IOException, JobFormatException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return EMPTY;
    }
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      throw JobFormatException.shape("not a job: \"meta\" is not an object");
    }
    Map<String, JsonNode> entries = new LinkedHashMap<>();
    Map<String, JsonNode> env = new LinkedHashMap<>();
    List<PackageVersion> packages = List.of();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      if (!withPackages && name.equals("packages")) {
        p.skipChildren();
        continue;
      }
      if (name.equals("env") && p.currentToken() == JsonToken.START_OBJECT) {
        env = entries(p);
        continue;
      }
      JsonNode node = tree(p);
      switch (name) {
        case "env" -> env = envEntries(node);
        case "packages" -> packages = packages(node);
        default -> entries.put(name, node);
      }
    }
    return new Meta(entries, env, packages);
  }

  /** The job of these parts and this meta, as both job readers assemble it. */
  Job job(String ref, Job.Origin origin, Long id, String url, String dateCreated,
      String ciDataset, List<Measurement> measurements, String documentId) {
    return new Job(ref, origin, id, url, dateCreated, runDate(), dataset(ciDataset), measurements,
        entries, env, packages, idOf(documentId));
  }

  /** A document's {@code id} when it is a whole number; anything else is no id. */
  private static Long idOf(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Long.valueOf(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** {@code meta.env.date}: when the job ran. */
  String runDate() {
    return text(env.get("date"));
  }

  /** The first non-empty of the top-level, meta and env {@code ci_dataset}, then env {@code dataset}. */
  String dataset(String topLevel) {
    for (String dataset : new String[] {topLevel, text(entries.get("ci_dataset")),
        text(env.get("ci_dataset")), text(env.get("dataset"))}) {
      if (dataset != null && !dataset.isEmpty()) {
        return dataset;
      }
    }
    return null;
  }

  /** The object the parser is on, in document order; a repeated key keeps its last value. */
  private static Map<String, JsonNode> entries(JsonParser p) throws IOException {
    Map<String, JsonNode> entries = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      entries.put(name, tree(p));
    }
    return entries;
  }

  /**
   * The value the parser is on, as the node {@code readTree} makes; strings, booleans and nulls
   * (nearly every meta value) are made directly, which costs a tenth of a {@code readTree} call.
   */
  private static JsonNode tree(JsonParser p) throws IOException {
    switch (p.currentToken()) {
      case VALUE_STRING:
        return TextNode.valueOf(p.getText());
      case VALUE_TRUE:
        return BooleanNode.TRUE;
      case VALUE_FALSE:
        return BooleanNode.FALSE;
      case VALUE_NULL:
        return NullNode.getInstance();
      case VALUE_NUMBER_FLOAT:
        double value = p.getDoubleValue();
        return fits(value, p.getText())
            ? DoubleNode.valueOf(value)
            : DecimalNode.valueOf(new java.math.BigDecimal(p.getText()));
      default:
        JsonNode node = Json.tree(p);
        return node == null ? NullNode.getInstance() : node;
    }
  }

  private static Map<String, JsonNode> envEntries(JsonNode env) throws JobFormatException {
    if (env.isNull()) {
      return Map.of();
    }
    if (!env.isObject()) {
      throw JobFormatException.shape("not a job: \"meta.env\" is not an object");
    }
    Map<String, JsonNode> entries = new LinkedHashMap<>();
    env.properties().forEach(e -> entries.put(e.getKey(), e.getValue()));
    return entries;
  }

  /** A list of package objects (API) or a dict of them keyed by name (files); others are ignored. */
  private static List<PackageVersion> packages(JsonNode node) {
    List<PackageVersion> packages = new ArrayList<>();
    if (node.isArray()) {
      for (JsonNode item : node) {
        String name = text(item.get("name"));
        if (item.isObject() && name != null) {
          packages.add(packageVersion(name, item));
        }
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        if (entry.getValue().isObject()) {
          packages.add(packageVersion(entry.getKey(), entry.getValue()));
        }
      }
    }
    return packages;
  }

  private static PackageVersion packageVersion(String name, JsonNode item) {
    return new PackageVersion(name, text(item.get("git_sha")), text(item.get("git_url")),
        text(item.get("git_branch")), text(item.get("eups_version")));
  }

  /**
   * False for a decimal a float64 cannot hold even roughly ({@code 1e-400} reads as 0, {@code 1e400}
   * as infinity): the meta keeps it as a decimal node so the mapping can say what it wrote.
   */
  static boolean fits(double value, String text) {
    if (Double.isInfinite(value)) {
      return text.indexOf('I') >= 0; // a bare Infinity literal is what it says
    }
    if (value != 0) {
      return true;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 'e' || c == 'E') {
        break;
      }
      if (c >= '1' && c <= '9') {
        return false;
      }
    }
    return true;
  }

  /** The text of a scalar node; null for a missing node, {@code null}, objects and arrays. */
  static String text(JsonNode node) {
    return node == null || !node.isValueNode() || node.isNull() ? null : node.asText();
  }
}
