package io.squashinflux.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plays Grafana's {@code POST /api/dashboards/db} and Chronograf's {@code /chronograf/v1/dashboards}
 * as their documentation describes them (Grafana: a dashboard of an existing uid needs
 * {@code overwrite: true}, else 412; the answer's version counts up; a bad token is 401), keeps
 * the dashboards it holds, and records every request: method, path, headers, body.
 */
final class FakeDashboardServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Request(String method, String path, Map<String, String> headers, String body) {}

  final List<Request> requests = new CopyOnWriteArrayList<>();
  /** Grafana: uid to dashboard; Chronograf: id to dashboard. */
  final Map<String, JsonNode> dashboards = new TreeMap<>();
  private final Map<String, Integer> versions = new TreeMap<>();
  private final HttpServer server;
  private final String token;
  private int nextId = 1;

  /** {@code token}: the Bearer token accepted; null accepts any request. */
  FakeDashboardServer(String token) {
    this.token = token;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private synchronized void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    requests.add(new Request(method, path, headers, body));
    if (token != null && !("Bearer " + token).equals(headers.get("Authorization"))) {
      answer(exchange, 401, "{\"message\":\"Unauthorized\"}");
      return;
    }
    if (method.equals("POST") && path.equals("/api/dashboards/db")) {
      JsonNode request = JSON.readTree(body);
      String uid = request.path("dashboard").path("uid").asText();
      if (dashboards.containsKey(uid) && !request.path("overwrite").asBoolean()) {
        answer(exchange, 412, "{\"status\":\"name-exists\"}");
        return;
      }
      dashboards.put(uid, request.path("dashboard"));
      int version = versions.merge(uid, 1, Integer::sum);
      answer(exchange, 200, "{\"uid\":\"" + uid + "\",\"status\":\"success\",\"version\":" + version + "}");
    } else if (path.equals("/chronograf/v1/dashboards")) {
      chronografList(exchange, method, body);
    } else if (path.startsWith("/chronograf/v1/dashboards/")) {
      String id = path.substring(path.lastIndexOf('/') + 1);
      if (!dashboards.containsKey(id)) {
        answer(exchange, 404, "{\"message\":\"ID " + id + " not found\"}");
      } else if (method.equals("PUT")) {
        dashboards.put(id, JSON.readTree(body));
        answer(exchange, 200, body);
      } else if (method.equals("DELETE")) {
        dashboards.remove(id);
        answer(exchange, 204, "");
      } else {
        answer(exchange, 405, "");
      }
    } else {
      answer(exchange, 404, "{\"message\":\"not found\"}");
    }
  }

  private void chronografList(HttpExchange exchange, String method, String body) throws IOException {
    if (method.equals("POST")) {
      String id = String.valueOf(nextId++);
      dashboards.put(id, JSON.readTree(body));
      answer(exchange, 201, "{\"id\":\"" + id + "\"}");
      return;
    }
    ObjectNode list = JSON.createObjectNode();
    ArrayNode all = list.putArray("dashboards");
    dashboards.forEach((id, d) -> all.addObject().put("id", id).put("name", d.path("name").asText()));
    answer(exchange, 200, list.toString());
  }

  /** Adds a Chronograf dashboard, as a user made it by hand. */
  synchronized void addChronograf(String name) {
    dashboards.put(String.valueOf(nextId++), JSON.createObjectNode().put("name", name));
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
