package io.squashinflux.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.squashinflux.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The values of source keys {@code code_changes} and {@code code_changes_counts}, made from a
 * {@code GET /code_changes} answer as SQuaSH's task wrote them: a pure function of the answer's
 * {@code packages} and {@code counts} (JSON text, as the lookup passes them on).
 */
final class CodeChangeText {
  private CodeChangeText() {}

  /**
   * Markdown links, one per changed package, {@code [name](<git_url without .git>/commit/<sha>)},
   * joined by {@code ", "}; {@code ""} when nothing changed. An entry that is not a list of three
   * texts is left out. (SQuaSH replaced every {@code .git} in the url, and glued the sha to a url
   * without one; here only a trailing {@code .git} goes, and {@code /commit/} is always there.)
   */
  static String links(String packagesJson) {
    JsonNode packages = read(packagesJson);
    if (packages == null || !packages.isArray()) {
      return "";
    }
    List<String> links = new ArrayList<>();
    for (JsonNode entry : packages) {
      if (entry.isArray() && entry.size() >= 3 && entry.get(0).isTextual()
          && entry.get(1).isTextual() && entry.get(2).isTextual()) {
        String url = entry.get(2).textValue();
        if (url.endsWith(".git")) {
          url = url.substring(0, url.length() - 4);
        }
        links.add("[" + entry.get(0).textValue() + "](" + url + "/commit/"
            + entry.get(1).textValue() + ")");
      }
    }
    return String.join(", ", links);
  }

  /** The number of changed packages as JSON number text; {@code 0} when the answer has none. */
  static String counts(String countsJson) {
    JsonNode counts = read(countsJson);
    return counts != null && counts.isNumber() ? counts.asText() : "0";
  }

  private static JsonNode read(String json) {
    if (json == null) {
      return null;
    }
    try {
      return Json.tree(json);
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
