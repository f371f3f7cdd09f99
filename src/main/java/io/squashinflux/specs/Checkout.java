package io.squashinflux.specs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A verify_metrics checkout, where the pipelines' authors keep metric definitions and threshold
 * specifications: the folder holding {@code specs/} and {@code metrics/}, or either of those
 * folders alone. Read as lsst.verify reads it, it gives what SQuaSH's {@code GET /specs} and
 * {@code GET /metrics} would answer.
 */
public final class Checkout {
  private static final JsonMapper JSON = new JsonMapper();

  private final Path specs;
  private final Path metrics;

  private Checkout(Path specs, Path metrics) {
    this.specs = specs;
    this.metrics = metrics;
  }


  /** The checkout at a folder: its specs/ and metrics/, or the folder itself as one of them. */
  public static Checkout at(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new SpecsException(folder + ": not a folder");
    }
    Path specs = folder.resolve("specs");
    Path metrics = folder.resolve("metrics");
    if (Files.isDirectory(specs) || Files.isDirectory(metrics)) {
      return new Checkout(Files.isDirectory(specs) ? specs : null,
          Files.isDirectory(metrics) ? metrics : null);
    }
    boolean yamlHere = !SpecFiles.list(folder,
        f -> Files.isRegularFile(f) && f.getFileName().toString().matches(".*\\.ya?ml$")).isEmpty();
    if (yamlHere) {
      return new Checkout(null, folder);
    }
    if (!SpecFiles.list(folder, Files::isDirectory).isEmpty()) {
      return new Checkout(folder, null);
    }
    throw new SpecsException(folder + ": neither a verify_metrics checkout (specs/, metrics/)"
        + " nor its specs/ folder (one folder per package) or metrics/ folder (one YAML per package)");
  }

  /** {@code {"specs": [...]}}, every specification resolved; empty without a specs/ folder. */
  public ObjectNode specs() {
    ObjectNode out = JSON.createObjectNode();
    out.set("specs", specs == null ? JSON.createArrayNode() : JSON.valueToTree(SpecFiles.resolve(specs)));
    return out;
  }

  /** {@code {"metrics": [...]}}, every definition; empty without a metrics/ folder. */
  public ObjectNode metrics() {
    ObjectNode out = JSON.createObjectNode();
    out.set("metrics", metrics == null ? JSON.createArrayNode()
        : JSON.valueToTree(MetricFiles.read(metrics)));
    return out;
  }

  /** Both answers, specs first: everything read before anything is used. */
  public List<JsonNode> documents() {
    return List.of(specs(), metrics());
  }
}
