package io.squashinflux.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The output folder: {@code chronograf/*.json}, {@code grafana/*.json},
 * {@code provisioning/dashboards/squash-influx.yaml}, {@code provisioning/datasources/squash-influx.yaml}
 * and {@code README.txt}. Each file is written whole, then moved into place.
 */
final class Folder {
  private final Path dir;
  private final List<Path> written = new ArrayList<>();

  Folder(Path dir) {
    this.dir = dir;
  }

  void chronograf(List<Board> boards) {
    for (Board board : boards) {
      json(dir.resolve("chronograf").resolve(board.fileName()), ChronografJson.export(board));
    }
  }

  void grafana(List<Board> boards, URI influxUrl, String database, String user) {
    Path folder = dir.resolve("grafana");
    for (Board board : boards) {
      json(folder.resolve(board.fileName()), GrafanaJson.dashboard(board));
    }
    text(dir.resolve("provisioning/dashboards/squash-influx.yaml"), Provisioning.dashboards(folder));
    text(dir.resolve("provisioning/datasources/squash-influx.yaml"),
        Provisioning.datasources(influxUrl, database, user));
  }

  void readme(String text) {
    text(dir.resolve("README.txt"), text);
  }

  List<Path> written() {
    return List.copyOf(written);
  }

  private void json(Path file, JsonNode node) {
    try {
      text(file, ChronografJson.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void text(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      written.add(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
