package io.squashinflux.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.squashinflux.state.DurableFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The findings already told: {@code {"notified": [{"metric", "dataset", "filter", "at"}, ...]}},
 * replaced atomically, so a crash leaves the old list or the new one. It holds no URL.
 */
final class SentLedger {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SentLedger() {}

  static Set<FindingKey> load(Path file) throws IOException {
    Set<FindingKey> keys = new LinkedHashSet<>();
    if (!Files.exists(file)) {
      return keys;
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException(file + " is not a notification ledger (" + e.getMessage()
          .lines().findFirst().orElse("") + "): move it away to start afresh", e);
    }
    for (JsonNode k : root.path("notified")) {
      keys.add(new FindingKey(k.path("metric").asText(), k.path("dataset").asText(),
          k.path("filter").asText(), k.path("at").asLong()));
    }
    return keys;
  }

  static void save(Path file, Set<FindingKey> keys) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("what", "findings squash-influx report --notify has told; delete to tell all again");
    ArrayNode list = root.putArray("notified");
    for (FindingKey k : keys) {
      list.addObject().put("metric", k.metric()).put("dataset", k.dataset())
          .put("filter", k.filter()).put("at", k.at());
    }
    Path folder = file.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    DurableFile.replace(file, folder.resolve(file.getFileName() + ".tmp"),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
  }
}
