package io.squashinflux.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * A local server playing InfluxDB 2.x or 3.x by their documented HTTP answers (InfluxDB OSS v2 API
 * reference and "Troubleshoot issues writing data"; InfluxDB 3 Core "Use the v3 write_lp API"),
 * because neither can be installed here. It keeps the lines it accepted, records every request,
 * and can be told to refuse lines, to refuse the token's permissions or to answer with a status.
 *
 * <p>What it plays: {@code GET /ping} 204 with {@code X-Influxdb-Version} and {@code
 * X-Influxdb-Build}; tokens ({@code Authorization: Token} for 2.x, {@code Bearer} or {@code Token}
 * for 3.x; anything else 401 {@code {"code":"unauthorized","message":"unauthorized access"}});
 * 2.x's {@code /api/v2/buckets} (GET by name and org, POST with {@code orgID}, 422 "already
 * exists"), {@code /api/v2/orgs?org=} (404 for an unknown organisation), and {@code
 * /api/v2/write} and the v1-compatible {@code /write?db=} (400 {@code invalid}: one unparsable line rejects the whole request; 422
 * {@code unprocessable entity}: lines beyond retention or of a conflicting type are dropped, the
 * others written; 404 for a bucket that does not exist; 413 over the body limit); 3.x's {@code
 * /api/v3/write_lp} (the database made by the first write; with {@code accept_partial=true} the
 * good lines written and each bad one named in a 400 {@code "partial write of line protocol
 * occurred"}; without, nothing written and the first named in {@code "parsing failed for write_lp
 * endpoint"}).
 */
public final class InfluxApiServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The id 2.x gives the organisation, as it shows ids: 16 hexadecimal digits. */
  public static final String ORG_ID = "0261487478164c85";
  private static final Set<String> V2_PRECISIONS = Set.of("ns", "us", "ms", "s");
  private static final Set<String> V3_PRECISIONS =
      Set.of("auto", "nanosecond", "microsecond", "millisecond", "second", "ns", "us", "ms", "s");

  /** One request as it arrived, its body decompressed. */
  public record Request(String method, String path, Map<String, String> query,
      Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** An answer to give to the next matching requests instead of the documented one. */
  public record Scripted(String pathPrefix, int status, String body, String retryAfter) {}

  private final HttpServer server;
  private final int major;
  private final String version;
  private final String token;
  private final String org;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<String> stored = new CopyOnWriteArrayList<>();
  private final Map<String, String> buckets = new LinkedHashMap<>();
  private final Deque<Scripted> scripted = new ArrayDeque<>();
  private volatile String unparsable = "\u0000none";
  private volatile String conflicting = "\u0000none";
  private volatile long retentionCutoffNanos = Long.MIN_VALUE;
  private volatile boolean mayCreateBuckets = true;
  private volatile int maxBodyBytes = Integer.MAX_VALUE;

  private InfluxApiServer(int major, String version, String token, String org) throws IOException {
    this.major = major;
    this.version = version;
    this.token = token;
    this.org = org;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", this::handle);
    server.start();
  }

  /** InfluxDB 2.x ({@code X-Influxdb-Version: v2.7.10}, build OSS) with one org and a token. */
  public static InfluxApiServer v2(String token, String org) throws IOException {
    return new InfluxApiServer(2, "v2.7.10", token, org);
  }

  /** InfluxDB 3 Core ({@code X-Influxdb-Version: 3.0.1}, build Core) with a token. */
  public static InfluxApiServer v3(String token) throws IOException {
    return new InfluxApiServer(3, "3.0.1", token, null);
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public synchronized InfluxApiServer bucket(String name) {
    buckets.put(name, String.format("%016x", 0xb0000L + buckets.size()));
    return this;
  }

  public boolean hasBucket(String name) {
    synchronized (this) {
      return buckets.containsKey(name);
    }
  }

  /** Lines holding this text cannot be parsed (2.x: the request is refused whole). */
  public InfluxApiServer unparsable(String marker) {
    this.unparsable = marker;
    return this;
  }

  /** Lines holding this text conflict with a field's type (refused one by one). */
  public InfluxApiServer conflicting(String marker) {
    this.conflicting = marker;
    return this;
  }

  /** Lines older than this (ns) are beyond the bucket's retention (2.x: 422). */
  public InfluxApiServer retentionCutoff(long nanos) {
    this.retentionCutoffNanos = nanos;
    return this;
  }

  /** The token has no write:orgs/ID/buckets permission. */
  public InfluxApiServer withoutBucketCreation() {
    this.mayCreateBuckets = false;
    return this;
  }

  /** Bodies over this size (compressed, as sent) are answered 413. */
  public InfluxApiServer maxBody(int bytes) {
    this.maxBodyBytes = bytes;
    return this;
  }

  /** The next request whose path starts with {@code pathPrefix} gets this answer instead. */
  public synchronized InfluxApiServer script(String pathPrefix, int status, String body,
      String retryAfter) {
    scripted.add(new Scripted(pathPrefix, status, body, retryAfter));
    return this;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public List<Request> requests(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  /** Every line accepted, in order, a line written twice kept twice. */
  public List<String> stored() {
    return List.copyOf(stored);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Request request = read(exchange);
      requests.add(request);
      Scripted fault = nextScripted(request.path());
      if (fault != null) {
        if (fault.retryAfter() != null) {
          exchange.getResponseHeaders().add("Retry-After", fault.retryAfter());
        }
        send(exchange, fault.status(), fault.body());
        return;
      }
      answer(exchange, request);
    }
  }

  private synchronized Scripted nextScripted(String path) {
    for (Scripted s : scripted) {
      if (path.startsWith(s.pathPrefix())) {
        scripted.remove(s);
        return s;
      }
    }
    return null;
  }

  private void answer(HttpExchange exchange, Request request) throws IOException {
    String path = request.path();
    if (path.equals("/ping")) {
      exchange.getResponseHeaders().add("X-Influxdb-Version", version);
      exchange.getResponseHeaders().add("X-Influxdb-Build", major == 2 ? "OSS" : "Core");
      send(exchange, 204, null);
      return;
    }
    if (!authorized(request.header("authorization"))) {
      send(exchange, 401, error("unauthorized", "unauthorized access"));
      return;
    }
    if (major == 2 && path.equals("/api/v2/write")) {
      InfluxApiWrites.v2(this, exchange, request);
    } else if (major == 2 && path.equals("/write")) {
      // 2.x's v1-compatible write: db (and rp) name the bucket (here: the bucket of that name).
      InfluxApiWrites.v2(this, exchange, new Request(request.method(), request.path(),
          Map.of("bucket", String.valueOf(request.query().get("db")),
              "precision", request.query().getOrDefault("precision", "ns")),
          request.headers(), request.body()));
    } else if (major == 2 && path.equals("/api/v2/buckets")) {
      buckets(exchange, request);
    } else if (major == 2 && path.equals("/api/v2/orgs")) {
      orgs(exchange, request);
    } else if (major == 3 && path.equals("/api/v3/write_lp")) {
      InfluxApiWrites.v3(this, exchange, request);
    } else {
      send(exchange, 404, error("not found", "path not found"));
    }
  }

  private boolean authorized(String header) {
    if (token == null) {
      return true;
    }
    return ("Token " + token).equals(header) || (major == 3 && ("Bearer " + token).equals(header));
  }

  private void buckets(HttpExchange exchange, Request request) throws IOException {
    if (request.method().equals("POST")) {
      JsonNode body = JSON.readTree(request.body());
      if (!mayCreateBuckets) {
        send(exchange, 401, error("unauthorized",
            "write:orgs/" + body.path("orgID").asText() + "/buckets is unauthorized"));
      } else if (!ORG_ID.equals(body.path("orgID").asText())) {
        send(exchange, 404, error("not found", "organization not found"));
      } else if (hasBucket(body.path("name").asText())) {
        send(exchange, 422, error("conflict",
            "bucket with name " + body.path("name").asText() + " already exists"));
      } else {
        bucket(body.path("name").asText());
        ObjectNode created = JSON.createObjectNode().put("id", "b1").put("orgID", ORG_ID)
            .put("name", body.path("name").asText());
        send(exchange, 201, created.toString());
      }
      return;
    }
    String askedOrg = request.query().get("org");
    if (askedOrg != null && !askedOrg.equals(org)) {
      send(exchange, 404, error("not found", "organization name \"" + askedOrg + "\" not found"));
      return;
    }
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode list = answer.putArray("buckets");
    String name = request.query().get("name");
    synchronized (this) {
      buckets.forEach((bucket, id) -> {
        if (name == null || name.equals(bucket)) {
          list.addObject().put("id", id).put("orgID", ORG_ID).put("name", bucket);
        }
      });
    }
    send(exchange, 200, answer.toString());
  }

  private void orgs(HttpExchange exchange, Request request) throws IOException {
    String asked = request.query().get("org");
    if (asked != null && !asked.equals(org)) {
      send(exchange, 404, error("not found", "organization name \"" + asked + "\" not found"));
      return;
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.putArray("orgs").addObject().put("id", ORG_ID).put("name", org);
    send(exchange, 200, answer.toString());
  }

  // What the write handlers (InfluxApiWrites) read and do.

  boolean isUnparsable(String line) {
    return line.contains(unparsable);
  }

  boolean isConflicting(String line) {
    return line.contains(conflicting);
  }

  boolean beyondRetention(String line) {
    String[] parts = line.split(" ");
    return Long.parseLong(parts[parts.length - 1]) < retentionCutoffNanos;
  }

  int maxBodyBytes() {
    return maxBodyBytes;
  }

  void store(String line) {
    stored.add(line);
  }

  static Set<String> v2Precisions() {
    return V2_PRECISIONS;
  }

  static Set<String> v3Precisions() {
    return V3_PRECISIONS;
  }

  /** A 2.x error body: {@code {"code": ..., "message": ...}}. */
  public static String error(String code, String message) {
    return JSON.createObjectNode().put("code", code).put("message", message).toString();
  }

  static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    if (body != null) {
      exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    }
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static Request read(HttpExchange exchange) throws IOException {
    byte[] raw;
    try (InputStream in = exchange.getRequestBody()) {
      raw = in.readAllBytes();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((name, values) ->
        headers.put(name.toLowerCase(Locale.ROOT), values.get(values.size() - 1)));
    headers.put("x-body-bytes", Integer.toString(raw.length));
    byte[] body = raw;
    if ("gzip".equals(headers.get("content-encoding"))) {
      try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
        body = in.readAllBytes();
      }
    }
    return new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
        query(exchange.getRequestURI().getRawQuery()), headers,
        new String(body, StandardCharsets.UTF_8));
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      String[] kv = pair.split("=", 2);
      out.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
    }
    return out;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  /** Lines of a body, as the servers split them (the tool never sends a raw newline in a string). */
  static List<String> lines(String body) {
    List<String> lines = new ArrayList<>();
    for (String line : body.split("\n")) {
      if (!line.isBlank()) {
        lines.add(line);
      }
    }
    return lines;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
