package io.squashinflux.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts boards into a running Chronograf or Grafana through its HTTP API, replacing a dashboard of
 * the same title rather than adding a second one. Grafana: {@code POST /api/dashboards/db} with
 * {@code overwrite: true} and the board's stable uid. Chronograf, whose API has no overwrite: the
 * list ({@code GET /chronograf/v1/dashboards}), then {@code PUT} on the dashboard of that name (and
 * {@code DELETE} on any further one of that name), or {@code POST} when there is none.
 */
final class Upload {
  /** What was done to one dashboard: {@code created} or {@code replaced}, with its title. */
  record Done(String action, String title) {}

  private final Web web;
  private final URI base;
  private final String token;

  /** {@code token} is sent as {@code Authorization: Bearer}; null sends none. */
  Upload(Web web, URI base, String token) {
    this.web = web;
    this.base = URI.create(base.toString().replaceAll("/+$", ""));
    this.token = token;
  }

  List<Done> grafana(List<Board> boards) {
    List<Done> done = new ArrayList<>();
    for (Board board : boards) {
      ObjectNode body = ChronografJson.JSON.createObjectNode();
      body.set("dashboard", GrafanaJson.dashboard(board));
      body.put("overwrite", true);
      body.put("message", "squash-influx dashboards");
      Web.Reply reply = send("POST", "/api/dashboards/db", body.toString(), "Grafana");
      String status = json(reply).path("version").asInt(1) > 1 ? "replaced" : "created";
      done.add(new Done(status, board.title()));
    }
    return done;
  }

  List<Done> chronograf(List<Board> boards) {
    String path = "/chronograf/v1/dashboards";
    Map<String, List<String>> existing = new LinkedHashMap<>();
    for (JsonNode d : json(send("GET", path, null, "Chronograf")).path("dashboards")) {
      existing.computeIfAbsent(d.path("name").asText(), n -> new ArrayList<>())
          .add(d.path("id").asText());
    }
    List<Done> done = new ArrayList<>();
    for (Board board : boards) {
      String body = ChronografJson.dashboard(board).toString();
      List<String> ids = existing.getOrDefault(board.title(), List.of());
      if (ids.isEmpty()) {
        send("POST", path, body, "Chronograf");
        done.add(new Done("created", board.title()));
        continue;
      }
      send("PUT", path + "/" + ids.get(0), body, "Chronograf");
      for (String duplicate : ids.subList(1, ids.size())) {
        send("DELETE", path + "/" + duplicate, null, "Chronograf");
      }
      done.add(new Done("replaced", board.title()));
    }
    return done;
  }

  private Web.Reply send(String method, String path, String body, String program) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (token != null) {
      headers.put("Authorization", "Bearer " + token);
    }
    URI uri = URI.create(base + path);
    Web.Reply reply = web.send(method, uri, headers, body);
    if (reply.status() == 401 || reply.status() == 403) {
      throw new DashboardException(program + " at " + Web.origin(uri) + " refused the "
          + (token == null ? "request without a token" : "token") + " (" + reply.status() + "): "
          + (program.equals("Grafana") ? "set GRAFANA_TOKEN to a service account token with"
              + " the Editor role" : "set CHRONOGRAF_TOKEN to a token Chronograf accepts"), true);
    }
    if (!reply.ok()) {
      throw new DashboardException(program + " answered " + reply.status() + " to " + method + " "
          + path + ": " + firstLine(reply.body()), false);
    }
    return reply;
  }

  private static JsonNode json(Web.Reply reply) {
    try {
      return reply.body().isBlank() ? ChronografJson.JSON.createObjectNode()
          : ChronografJson.JSON.readTree(reply.body());
    } catch (IOException e) {
      return ChronografJson.JSON.createObjectNode();
    }
  }

  private static String firstLine(String text) {
    String line = text.strip().lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
