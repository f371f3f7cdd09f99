package io.squashinflux.specs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.squashinflux.net.Fetch;
import io.squashinflux.net.HttpSettings;
import io.squashinflux.net.Streamed;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON documents of specs and metric definitions one item at a time, so that a document
 * of any size costs the memory of what it holds, and refuses one holding more than
 * {@value #MAX_SPECS} specs (SQuaSH's whole {@code /specs} holds a few thousand).
 */
final class SpecsReader {
  static final int MAX_SPECS = 100_000;

  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // lsst.verify wrote NaN before 2021
      .build();

  private SpecsReader() {}

  static Specs file(Path file, String shown) {
    try (InputStream in = Files.newInputStream(file)) {
      return stream(in, shown);
    } catch (NoSuchFileException e) {
      throw new SpecsException("--specs " + shown + ": no such file");
    } catch (IOException e) {
      throw new SpecsException("--specs " + shown + ": " + e.getMessage());
    }
  }

  /** GETs a document; when not {@code required}, a 404 is no document. */
  static Specs fetch(URI uri, HttpSettings http, boolean required) {
    String shown = Fetch.origin(uri) + uri.getRawPath();
    try (Streamed answer = new Fetch(http).get(uri, Map.of())) {
      if (answer.status() == 404 && !required) {
        return Specs.NONE;
      }
      if (answer.status() != 200) {
        throw new SpecsException("GET " + shown + " answered " + answer.status() + ": no specs read");
      }
      return stream(answer.body(), shown);
    } catch (IOException e) {
      throw new SpecsException("specs: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SpecsException("specs: interrupted");
    }
  }

  static Specs stream(InputStream in, String source) {
    Collector collector = new Collector(source);
    try (JsonParser p = JSON.createParser(in)) {
      JsonToken first = p.nextToken();
      boolean found = false;
      if (first == JsonToken.START_ARRAY) {
        items(p, collector, true);
        found = true;
      } else if (first == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          JsonToken value = p.nextToken();
          boolean container = value == JsonToken.START_ARRAY || value == JsonToken.START_OBJECT;
          if (container && (field.equals("specs") || field.equals("metrics"))) {
            items(p, collector, field.equals("specs"));
            found = true;
          } else {
            p.skipChildren();
          }
        }
      }
      if (!found) {
        throw new SpecsException(source + " holds no specs: expected {\"specs\": [...]}, a list of"
            + " specs, a {\"metrics\": [...]} answer, or an lsst.verify job file");
      }
    } catch (JsonProcessingException e) {
      throw new SpecsException(source + " is not JSON: "
          + String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse(""));
    } catch (IOException e) {
      throw new SpecsException(source + ": " + e.getMessage());
    }
    return collector.specs();
  }

  /** Each item of an array, or each value of an object, read as a small tree. */
  private static void items(JsonParser p, Collector collector, boolean specs) throws IOException {
    JsonToken end = p.currentToken() == JsonToken.START_ARRAY ? JsonToken.END_ARRAY : JsonToken.END_OBJECT;
    for (JsonToken t = p.nextToken(); t != end && t != null; t = p.nextToken()) {
      if (t == JsonToken.FIELD_NAME) {
        continue;
      }
      JsonNode node = p.readValueAsTree();
      if (specs) {
        collector.spec(node);
      } else {
        collector.metric(node);
      }
    }
  }

  /** Specs and definitions as they are read, and what was dropped. */
  static final class Collector {
    private final String source;
    private final List<Spec> specs = new ArrayList<>();
    private final Map<String, MetricDefinition> definitions = new LinkedHashMap<>();
    private final List<String> nan = new ArrayList<>();
    private final Map<String, String> strings = new java.util.HashMap<>();

    Collector(String source) {
      this.source = source;
    }

    void spec(JsonNode node) {
      JsonNode value = node.path("threshold").path("value");
      if (value.isNumber() && !Double.isFinite(value.asDouble())) {
        nan.add(node.path("name").asText("?"));
        return;
      }
      SpecNode.spec(node, this::intern).ifPresent(specs::add);
      if (specs.size() > MAX_SPECS) {
        throw new SpecsException(source + " holds more than " + MAX_SPECS + " specs: refused"
            + " (SQuaSH's whole /specs holds a few thousand); pass the specs of your metrics");
      }
    }

    void metric(JsonNode node) {
      if (node.hasNonNull("name") && node.hasNonNull("unit")) {
        definitions.put(node.get("name").asText(), SpecNode.definition(node));
      }
    }

    /** Metric names, units and operators repeat across specs: one copy each. */
    private String intern(String text) {
      String had = strings.get(text);
      if (had != null) {
        return had;
      }
      if (strings.size() < 10_000) {
        strings.put(text, text);
      }
      return text;
    }

    Specs specs() {
      List<String> notes = new ArrayList<>();
      if (!nan.isEmpty()) {
        notes.add(nan.size() + " spec" + (nan.size() == 1 ? "" : "s") + " with a NaN threshold"
            + " set no level: " + String.join(", ", nan.subList(0, Math.min(3, nan.size())))
            + (nan.size() > 3 ? ", ..." : ""));
      }
      return new Specs(specs, definitions, notes);
    }
  }
}
