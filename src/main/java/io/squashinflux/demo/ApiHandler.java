package io.squashinflux.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Answers the read side of the SQuaSH API from a {@link JobStore}, counting requests per endpoint
 * and passing each through the interceptor first, if one is set (tests inject faults with one, a
 * JDK {@link Filter}). Every answer has a fixed length, so the connection stays open for the next
 * request.
 */
final class ApiHandler implements HttpHandler {
  private static final System.Logger LOG = System.getLogger(ApiHandler.class.getName());
  private static final byte[] NOT_FOUND = json("{\"message\":\"Job not found\"}");
  private static final byte[] NO_SUCH_PATH = json("{\"message\":\"Not found\"}");

  private final JobStore store;
  private final Map<Endpoint, LongAdder> counts = new EnumMap<>(Endpoint.class);
  private volatile byte[] specs;
  private volatile byte[] metrics;
  private volatile Filter interceptor;

  /** One answer: a status and a JSON body. */
  private record Answer(int status, byte[] body) {}

  ApiHandler(JobStore store) throws IOException {
    this.store = store;
    for (Endpoint e : Endpoint.values()) {
      counts.put(e, new LongAdder());
    }
    specs = bytes(JobShapes.MAPPER.createObjectNode().set("specs", Reference.specs()));
    metrics = bytes(JobShapes.MAPPER.createObjectNode().set("metrics", Reference.metrics()));
  }

  private volatile long latencyNanos;

  /** Answers {@code /specs} and {@code /metrics} with these documents instead of the catalog's. */
  void reference(JsonNode specsAnswer, JsonNode metricsAnswer) throws IOException {
    specs = bytes(specsAnswer);
    metrics = bytes(metricsAnswer);
  }

  /** Every answer this much later, as a remote API's round trip makes it. */
  void latency(java.time.Duration latency) {
    latencyNanos = latency.toNanos();
  }

  void intercept(Filter filter) {
    interceptor = filter;
  }

  long count(Endpoint endpoint) {
    return counts.get(endpoint).sum();
  }

  void resetCounts() {
    counts.values().forEach(LongAdder::reset);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      counts.get(Endpoint.of(exchange.getRequestURI().getRawPath())).increment();
      if (latencyNanos > 0) {
        java.util.concurrent.locks.LockSupport.parkNanos(latencyNanos);
      }
      Filter filter = interceptor;
      if (filter == null) {
        answer(exchange);
      } else {
        new Filter.Chain(List.of(filter), this::answer).doFilter(exchange);
      }
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    Answer answer = exchange.getRequestMethod().equals("GET")
        ? safeRoute(path, query)
        : new Answer(405, json("{\"message\":\"The API is read-only\"}"));
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), answer.body().length);
    exchange.getResponseBody().write(answer.body());
  }

  private Answer safeRoute(String path, String query) {
    try {
      return route(path, query);
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot answer {0}: {1}", path, e.toString());
      return new Answer(500, json("{\"message\":\"cannot read the job\"}"));
    }
  }

  private Answer route(String path, String query) throws IOException {
    String[] parts = path.split("/", -1);
    switch (Endpoint.of(path)) {
      case JOBS:
        return ok(idsBody());
      case JOB:
        return parts.length == 3 ? job(parseId(parts[2])) : new Answer(404, NOT_FOUND);
      case JENKINS:
        return parts.length == 3 ? job(store.firstJobOfRun(parts[2])) : new Answer(404, NOT_FOUND);
      case CODE_CHANGES:
        return parts.length == 3 ? codeChanges(parts[2], query) : new Answer(404, NOT_FOUND);
      case SPECS:
        return ok(specs);
      case METRICS:
        return ok(metrics);
      default:
        return new Answer(404, NO_SUCH_PATH);
    }
  }

  private Answer job(OptionalLong id) throws IOException {
    Optional<byte[]> body = id.isPresent() ? store.job(id.getAsLong()) : Optional.empty();
    return body.map(ApiHandler::ok).orElse(new Answer(404, NOT_FOUND));
  }

  private Answer codeChanges(String ciId, String query) throws IOException {
    Optional<JsonNode> job = read(store.firstJobOfRun(ciId));
    String ciName = queryValue(query, "ci_name");
    if (job.isEmpty() || (ciName != null && !ciName.equals(ciNameOf(job.get())))) {
      return new Answer(404, json("{\"message\":\"CI run not found\"}"));
    }
    Optional<String> previous = store.previousRun(ciId);
    JsonNode previousJob =
        previous.isEmpty() ? null : read(store.firstJobOfRun(previous.get())).orElse(null);
    return ok(bytes(CodeChanges.between(ciId, previous.orElse(null), job.get(), previousJob)));
  }

  private static String ciNameOf(JsonNode job) {
    return job.path("meta").path("env").path("ci_name").asText();
  }

  private Optional<JsonNode> read(OptionalLong id) throws IOException {
    Optional<byte[]> body = id.isPresent() ? store.job(id.getAsLong()) : Optional.empty();
    return body.isEmpty() ? Optional.empty() : Optional.of(JobShapes.MAPPER.readTree(body.get()));
  }

  private byte[] idsBody() throws IOException {
    long[] ids = store.ids();
    StringBuilder out = new StringBuilder(ids.length * 8 + 16).append("{\"ids\":[");
    for (int i = 0; i < ids.length; i++) {
      out.append(i == 0 ? "" : ",").append(ids[i]);
    }
    return json(out.append("]}").toString());
  }

  private static OptionalLong parseId(String text) {
    try {
      return OptionalLong.of(Long.parseLong(text));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static String queryValue(String query, String key) {
    if (query != null) {
      for (String pair : query.split("&")) {
        if (pair.startsWith(key + "=")) {
          return URLDecoder.decode(pair.substring(key.length() + 1), StandardCharsets.UTF_8);
        }
      }
    }
    return null;
  }

  private static Answer ok(byte[] body) {
    return new Answer(200, body);
  }

  private static byte[] bytes(JsonNode node) throws IOException {
    return JobShapes.MAPPER.writeValueAsBytes(node);
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
