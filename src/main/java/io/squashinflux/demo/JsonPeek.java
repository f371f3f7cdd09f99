package io.squashinflux.demo;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Reads one scalar out of a JSON file without building the document, skipping every other subtree. */
final class JsonPeek {
  private JsonPeek() {}

  /** The text of the scalar at this key path (e.g. {@code meta, env, ci_id}), if present. */
  static Optional<String> scalar(Path file, String... keys) throws IOException {
    try (JsonParser parser = JobShapes.MAPPER.getFactory().createParser(file.toFile())) {
      return find(parser, keys, 0);
    }
  }

  private static Optional<String> find(JsonParser parser, String[] keys, int depth)
      throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      return Optional.empty();
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      if (!name.equals(keys[depth])) {
        parser.nextToken();
        parser.skipChildren();
        continue;
      }
      if (depth < keys.length - 1) {
        return find(parser, keys, depth + 1);
      }
      JsonToken value = parser.nextToken();
      return value.isScalarValue() && value != JsonToken.VALUE_NULL
          ? Optional.of(parser.getText())
          : Optional.empty();
    }
    return Optional.empty();
  }
}
