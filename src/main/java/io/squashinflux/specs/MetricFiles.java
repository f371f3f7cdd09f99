package io.squashinflux.specs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metric definitions of a verify_metrics {@code metrics/} folder, one file per package whose
 * top-level keys are metric names, made SQuaSH's {@code GET /metrics} items: {@code name}
 * ({@code package.metric}), {@code package}, {@code unit} (astropy's spelling, {@code ''}
 * dimensionless), {@code description}, {@code reference} ({@code doc}, {@code url},
 * {@code page}) and {@code tags}.
 */
final class MetricFiles {
  private MetricFiles() {}

  static List<Map<String, Object>> read(Path metricsDir) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Path file : SpecFiles.list(metricsDir,
        f -> Files.isRegularFile(f) && f.getFileName().toString().matches(".*\\.ya?ml$"))) {
      String pkg = file.getFileName().toString().replaceAll("\\.ya?ml$", "");
      for (YamlFile.Doc doc : YamlFile.read(file, file.toString())) {
        doc.content().forEach((metric, body) -> {
          if (!(body instanceof Map<?, ?> fields)) {
            throw new SpecsException(file + ":" + doc.lineOf(metric) + ": metric " + metric
                + " is not a mapping of unit, description, reference and tags");
          }
          out.add(definition(pkg, metric, fields));
        });
      }
    }
    return out;
  }

  private static Map<String, Object> definition(String pkg, String metric, Map<?, ?> fields) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", pkg + "." + metric);
    m.put("package", pkg);
    m.put("display_name", metric);
    m.put("unit", fields.get("unit") == null ? "" : String.valueOf(fields.get("unit")).strip());
    m.put("description", fields.get("description") == null ? ""
        : YamlFile.oneLine(String.valueOf(fields.get("description"))));
    m.put("reference", fields.get("reference") instanceof Map<?, ?> r ? r : Map.of());
    Object tags = fields.get("tags");
    m.put("tags", tags instanceof List<?> list ? list : tags == null ? List.of() : List.of(tags));
    return m;
  }
}
