package io.squashinflux.specs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The specifications of a verify_metrics {@code specs/} folder, resolved as lsst.verify's
 * {@code SpecificationSet.load_metrics_package} does: one folder per package, YAML streams of
 * partials ({@code id}) and specifications ({@code name}), {@code base} inheritance applied in
 * order (see {@link Merge}), until every document is resolved or none can be.
 */
final class SpecFiles {
  /** {@code package:path#id}, package and path optional, as lsst.verify's PARTIAL_PATTERN. */
  private static final Pattern PARTIAL = Pattern.compile("^(?:(\\S+?):)?(\\S+)?#(\\S+)$");

  /** A document waiting for its bases, with where it came from. */
  private record Pending(Map<String, Object> doc, String file, YamlFile.Doc source, String pkg,
      Map<String, String> written) {}

  private final Map<String, Map<String, Object>> partials = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> specs = new LinkedHashMap<>();

  private SpecFiles() {}

  /** The resolved specifications, each in SQuaSH's {@code /specs} shape, in a stable order. */
  static List<Map<String, Object>> resolve(Path specsDir) {
    List<Pending> pending = new ArrayList<>();
    for (Path pkg : list(specsDir, Files::isDirectory)) {
      String name = pkg.getFileName().toString();
      for (Path file : yamlFiles(pkg)) {
        String yamlId = pkg.relativize(file).toString().replace('\\', '/').replaceAll("\\.ya?ml$", "");
        for (YamlFile.Doc doc : YamlFile.read(file, file.toString())) {
          pending.add(prepare(doc, file.toString(), name, yamlId));
        }
      }
    }
    SpecFiles set = new SpecFiles();
    set.resolveAll(pending);
    return new ArrayList<>(set.specs.values());
  }

  private static Pending prepare(YamlFile.Doc source, String file, String pkg, String yamlId) {
    Map<String, Object> doc = new LinkedHashMap<>(source.content());
    Map<String, String> written = new LinkedHashMap<>();
    doc.put("package", pkg);
    if (doc.containsKey("id")) {
      doc.put("id", partialName(String.valueOf(doc.get("id")), pkg, yamlId));
    } else if (doc.get("name") == null) {
      throw new SpecsException(file + ":" + source.line()
          + ": a document with neither a name (a specification) nor an id (a partial)");
    }
    if (doc.containsKey("base")) {
      List<Object> bases = doc.get("base") instanceof List<?> list ? new ArrayList<>(list)
          : new ArrayList<>(List.of(String.valueOf(doc.get("base"))));
      List<Object> named = new ArrayList<>();
      for (Object base : bases) {
        String text = String.valueOf(base);
        String spec = text.contains("#") ? partialName(text, pkg, yamlId) : specName(text, null, pkg);
        named.add(spec == null ? text : spec); // a name with no metric: an unknown base, later
        written.put(spec == null ? text : spec, text);
      }
      doc.put("base", named);
    }
    return new Pending(doc, file, source, pkg, written);
  }

  private void resolveAll(List<Pending> all) {
    while (!all.isEmpty()) {
      List<Pending> redo = new ArrayList<>();
      for (Pending p : all) {
        Map<String, Object> doc = resolve(p);
        if (doc == null) {
          redo.add(p);
        } else if (doc.containsKey("id")) {
          partials.put(String.valueOf(doc.remove("id")), doc);
        } else {
          Map<String, Object> spec = Threshold.specification(doc, p.file(), p.source());
          specs.put(String.valueOf(spec.get("name")), spec);
        }
      }
      if (redo.size() == all.size()) {
        throw stuck(redo);
      }
      all = redo;
    }
  }

  /** The document with its bases merged in, or null when a base is not resolved yet. */
  private Map<String, Object> resolve(Pending p) {
    if (!p.doc().containsKey("base")) {
      return new LinkedHashMap<>(p.doc());
    }
    Map<String, Object> built = new LinkedHashMap<>();
    for (Object base : (List<?>) p.doc().get("base")) {
      String name = String.valueOf(base);
      Map<String, Object> from = name.contains("#") ? partials.get(name) : specs.get(name);
      if (from == null) {
        return null;
      }
      built = Merge.documents(built, from);
      if (!name.contains("#")) {
        built.put("metric", String.valueOf(from.get("name")).split("\\.")[1]);
      }
    }
    Map<String, Object> own = new LinkedHashMap<>(p.doc());
    own.remove("base");
    return Merge.documents(built, own);
  }

  /** No document could be resolved: name the first one's missing base, or the cycle it is in. */
  private SpecsException stuck(List<Pending> redo) {
    for (Pending p : redo) {
      for (Object base : (List<?>) p.doc().get("base")) {
        String name = String.valueOf(base);
        boolean known = name.contains("#") ? partials.containsKey(name) : specs.containsKey(name);
        if (known) {
          continue;
        }
        int line = p.source().lineOf("base");
        if (redo.stream().anyMatch(other -> couldBe(other, name))) {
          return new SpecsException(p.file() + ":" + line + ": inheritance cycle: base '"
              + p.written().get(name) + "' depends, through its own bases, on this document");
        }
        return new SpecsException(p.file() + ":" + line + ": unknown base '" + p.written().get(name)
            + "': no " + (name.contains("#") ? "partial" : "specification") + " of that name in"
            + " package " + p.pkg());
      }
    }
    return new SpecsException(redo.get(0).file() + ":" + redo.get(0).source().line()
        + ": cannot be resolved");
  }

  /** True when a waiting document may turn out to be the partial or specification named. */
  private static boolean couldBe(Pending p, String name) {
    if (name.contains("#")) {
      return name.equals(p.doc().get("id"));
    }
    Object own = p.doc().get("name");
    return own != null && name.endsWith("." + String.valueOf(own).replaceAll("^.*\\.", ""));
  }

  /** {@code #id}, {@code path#id} or {@code package:path#id} made {@code package:path#id}. */
  static String partialName(String name, String pkg, String yamlId) {
    Matcher m = PARTIAL.matcher(name.contains("#") ? name : "#" + name);
    if (!m.matches()) {
      return pkg + ":" + yamlId + "#" + name;
    }
    return (m.group(1) == null ? pkg : m.group(1)) + ":" + (m.group(2) == null ? yamlId : m.group(2))
        + "#" + m.group(3);
  }

  /**
   * {@code package.metric.spec} from a name of one, two or three parts, as lsst.verify's
   * {@code Name}: the name's own parts win; null when no metric is known yet.
   */
  static String specName(String name, String metric, String pkg) {
    String[] parts = name.split("\\.");
    if (parts.length >= 3) {
      return name;
    }
    if (parts.length == 2) {
      return pkg + "." + name;
    }
    if (metric == null) {
      return null;
    }
    String m = metric.contains(".") ? metric.substring(metric.lastIndexOf('.') + 1) : metric;
    return pkg + "." + m + "." + name;
  }

  private static List<Path> yamlFiles(Path pkg) {
    try (Stream<Path> walk = Files.walk(pkg)) {
      return walk.filter(Files::isRegularFile)
          .filter(f -> f.getFileName().toString().matches(".*\\.ya?ml$"))
          .sorted().toList();
    } catch (IOException e) {
      throw new SpecsException(pkg + ": cannot list: " + e.getMessage());
    }
  }

  static List<Path> list(Path dir, java.util.function.Predicate<Path> keep) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(keep).sorted().toList();
    } catch (IOException e) {
      throw new SpecsException(dir + ": cannot list: " + e.getMessage());
    }
  }
}
