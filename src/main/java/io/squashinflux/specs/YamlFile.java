package io.squashinflux.specs;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The documents of one YAML file ({@code ---} between them), each a mapping with the line of each
 * of its keys, so that a message can point at {@code FILE:LINE}. Anchors, aliases and {@code <<}
 * merge keys are applied as PyYAML, which lsst.verify reads with, applies them; a key given twice
 * keeps its last value, as there.
 */
final class YamlFile {

  /** One document: its mapping, the line it starts on and the line of each top-level key. */
  record Doc(Map<String, Object> content, int line, Map<String, Integer> keyLines) {
    int lineOf(String key) {
      return keyLines.getOrDefault(key, line);
    }
  }

  /** Builds plain maps, lists and scalars from composed nodes, one document at a time. */
  private static final class Builder extends SafeConstructor {
    Builder(LoaderOptions options) {
      super(options);
    }

    Object build(Node node) {
      return constructDocument(node);
    }
  }

  private YamlFile() {}

  /** The mappings of a file; {@code shown} names it in messages. */
  static List<Doc> read(Path file, String shown) {
    LoaderOptions options = new LoaderOptions();
    options.setWarnOnDuplicateKeys(false); // PyYAML keeps the last value silently too
    Builder builder = new Builder(options);
    Yaml yaml = new Yaml(builder);
    List<Doc> docs = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (Node node : yaml.composeAll(in)) {
        int line = node.getStartMark().getLine() + 1;
        Map<String, Integer> keyLines = keyLines(node);
        Object value = builder.build(node);
        if (value == null) {
          continue;
        }
        if (!(value instanceof Map<?, ?> map)) {
          throw new SpecsException(shown + ":" + line + ": a document that is not a mapping");
        }
        docs.add(new Doc(stringKeys(map), line, keyLines));
      }
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      int line = mark == null ? 1 : mark.getLine() + 1;
      String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
      throw new SpecsException(shown + ":" + line + ": not YAML: " + oneLine(problem));
    } catch (YAMLException e) {
      throw new SpecsException(shown + ":1: not YAML: " + oneLine(e.getMessage()));
    } catch (IOException e) {
      throw new SpecsException(shown + ": cannot read: " + e.getMessage());
    }
    return docs;
  }

  private static Map<String, Integer> keyLines(Node node) {
    Map<String, Integer> lines = new HashMap<>();
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode key) {
          lines.putIfAbsent(key.getValue(), key.getStartMark().getLine() + 1);
        }
      }
    }
    return lines;
  }

  /** A mapping with every key as text, nested mappings too, order kept. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> stringKeys(Map<?, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
    return out;
  }

  private static Object plain(Object value) {
    if (value instanceof Map<?, ?> map) {
      return stringKeys(map);
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(plain(v)));
      return out;
    }
    return value;
  }

  static String oneLine(String text) {
    return text == null ? "" : text.strip().replaceAll("\\s+", " ");
  }
}
