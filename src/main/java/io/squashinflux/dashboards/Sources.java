package io.squashinflux.dashboards;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.squashinflux.specs.Specs;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads units and specs: {@code --specs} a file (an lsst.verify job file, or a saved
 * {@code /specs} or {@code /metrics} answer) or a URL answering one of those, and
 * {@code --squash-url}, whose {@code /specs} and {@code /metrics} are asked.
 */
final class Sources {
  /** lsst.verify files written before 2021 hold bare NaN literals. */
  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private Sources() {}

  static Reference load(String specs, URI squashUrl, Web web) {
    List<JsonNode> documents = new ArrayList<>();
    if (specs != null) {
      documents.add(specs.startsWith("http://") || specs.startsWith("https://")
          ? get(URI.create(specs), web, "--specs") : file(Path.of(specs)));
    }
    if (squashUrl != null) {
      String base = squashUrl.toString().replaceAll("/+$", "");
      documents.add(get(URI.create(base + "/specs"), web, "--squash-url"));
      documents.add(get(URI.create(base + "/metrics"), web, "--squash-url"));
    }
    return documents.isEmpty() ? Reference.NONE : new Reference(Specs.read(documents));
  }

  private static JsonNode file(Path path) {
    try {
      return JSON.readTree(Files.readString(path));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new DashboardException("--specs " + path + ": no such file", true);
    } catch (IOException e) {
      throw new DashboardException("--specs " + path + ": not JSON (" + firstLine(e) + ")", true);
    }
  }

  private static JsonNode get(URI uri, Web web, String option) {
    Web.Reply reply = web.send("GET", uri, Map.of(), null);
    if (!reply.ok()) {
      throw new DashboardException(option + ": " + Web.origin(uri) + uri.getRawPath()
          + " answered " + reply.status(), true);
    }
    try {
      return JSON.readTree(reply.body());
    } catch (IOException e) {
      throw new DashboardException(option + ": " + Web.origin(uri) + uri.getRawPath()
          + " did not answer JSON", true);
    }
  }

  private static String firstLine(IOException e) {
    String message = String.valueOf(e.getMessage());
    int line = message.indexOf('\n');
    return line < 0 ? message : message.substring(0, line);
  }
}
