package io.squashinflux.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local server playing Confluent's Kafka REST proxy as Sasquatch runs it (no real one can be had
 * here): {@code GET /v3/clusters}, {@code POST /v3/clusters/<id>/topics} (400 with error_code
 * 40002 when the topic exists), {@code POST /topics/<topic>} (v2 produce: 404 40401 for an unknown
 * topic, an {@code offsets} entry per record). A bearer token is required. Every request is
 * recorded. Unlike the real proxy it registers no schema and checks no record: tests do that with
 * Avro on the recorded bodies.
 */
public final class RestProxyServer implements AutoCloseable {
  public static final String CLUSTER = "lkc-squash-test";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as received. */
  public record Request(String method, String path, Map<String, List<String>> headers,
      String body) {
    public String header(String name) {
      List<String> values = headers.getOrDefault(name, List.of());
      return values.isEmpty() ? null : values.get(0);
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** What the next produce request gets: a status and body, or 200 with these record errors. */
  public record Answer(int status, String body, Map<Integer, Integer> recordErrors) {
    public static Answer status(int status, String body) {
      return new Answer(status, body, Map.of());
    }

    /** 200, with {@code error_code} for the records at these places. */
    public static Answer recordErrors(Map<Integer, Integer> errors) {
      return new Answer(200, null, errors);
    }
  }

  private final HttpServer server;
  private final String token;
  private final List<Request> requests = new ArrayList<>();
  private final Deque<Answer> answers = new ArrayDeque<>();
  private final Set<String> topics = ConcurrentHashMap.newKeySet();
  private long offset;
  private boolean withoutOffsets;

  public RestProxyServer(String token) throws IOException {
    this.token = token;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", this::handle);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/sasquatch-rest-proxy";
  }

  public synchronized void then(Answer... next) {
    answers.addAll(List.of(next));
  }

  /**
   * From now on every record is answered with neither an offset nor an error, as a proxy
   * producing without acknowledgements answers.
   */
  public synchronized void answerWithoutOffsets(boolean without) {
    withoutOffsets = without;
  }

  public synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  public Set<String> topics() {
    return new HashSet<>(topics);
  }

  private synchronized void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = exchange.getRequestURI().getPath().replaceFirst("^/sasquatch-rest-proxy", "");
    Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(exchange.getRequestHeaders());
    Request request = new Request(exchange.getRequestMethod(), path, headers, body);
    requests.add(request);
    if (!("Bearer " + token).equals(request.header("Authorization"))) {
      answer(exchange, 401, "{\"error_code\":401,\"message\":\"Unauthorized\"}");
    } else if (path.equals("/v3/clusters") && request.method().equals("GET")) {
      answer(exchange, 200, "{\"kind\":\"KafkaClusterList\",\"data\":[{\"kind\":\"KafkaCluster\","
          + "\"cluster_id\":\"" + CLUSTER + "\"}]}");
    } else if (path.equals("/v3/clusters/" + CLUSTER + "/topics")) {
      String topic = request.json().path("topic_name").asText();
      boolean created = topics.add(topic);
      answer(exchange, created ? 201 : 400, created ? "{\"kind\":\"KafkaTopic\"}"
          : "{\"error_code\":40002,\"message\":\"Topic '" + topic + "' already exists.\"}");
    } else if (path.startsWith("/topics/")) {
      produce(exchange, request, path.substring("/topics/".length()));
    } else {
      answer(exchange, 404, "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}");
    }
  }

  private void produce(HttpExchange exchange, Request request, String topic) throws IOException {
    if (!topics.contains(topic)) {
      answer(exchange, 404, "{\"error_code\":40401,\"message\":\"Topic " + topic + " not found.\"}");
      return;
    }
    Answer next = answers.isEmpty() ? Answer.recordErrors(Map.of()) : answers.poll();
    if (next.status() != 200) {
      answer(exchange, next.status(), next.body());
      return;
    }
    ObjectNode reply = JSON.createObjectNode();
    reply.putNull("key_schema_id");
    reply.put("value_schema_id", 1);
    ArrayNode offsets = reply.putArray("offsets");
    int records = request.json().path("records").size();
    for (int i = 0; i < records; i++) {
      ObjectNode entry = offsets.addObject();
      Integer error = next.recordErrors().get(i);
      if (error == null && withoutOffsets) {
        entry.putNull("partition").putNull("offset").putNull("error_code").putNull("error");
      } else if (error == null) {
        entry.put("partition", 0).put("offset", offset++).putNull("error_code").putNull("error");
      } else {
        entry.putNull("partition").putNull("offset").put("error_code", error)
            .put("error", error == 2 ? "leader not available" : "record refused");
      }
    }
    answer(exchange, 200, reply.toString());
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/vnd.kafka.v2+json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
