package io.squashinflux.source;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A real SQuaSH-like HTTP server on loopback; each path answers as its test scripts it. */
final class FakeSquash implements AutoCloseable {

  /** How a path answers its n-th request (1 = the first). */
  interface Responder {
    void respond(HttpExchange exchange, int nth) throws Exception;
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Map<String, Responder> routes = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  final List<HttpExchange> exchanges = new CopyOnWriteArrayList<>();
  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger maxInFlight = new AtomicInteger();

  FakeSquash() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  FakeSquash on(String path, Responder responder) {
    routes.put(path, responder);
    return this;
  }

  int requests(String path) {
    AtomicInteger count = counts.get(path);
    return count == null ? 0 : count.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    String key = query == null ? path : path + "?" + query;
    int nth = counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    exchanges.add(exchange);
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try {
      Responder responder = route(key, path);
      if (responder == null) {
        send(exchange, 404, "{\"message\": \"no such path\"}");
      } else {
        responder.respond(exchange, nth);
      }
    } catch (Exception e) {
      exchange.close();
    } finally {
      inFlight.decrementAndGet();
      exchange.close();
    }
  }

  /** The exact path with its query, the exact path, or a route ending in {@code /} it starts with. */
  private Responder route(String key, String path) {
    Responder exact = routes.getOrDefault(key, routes.get(path));
    if (exact != null) {
      return exact;
    }
    return routes.entrySet().stream()
        .filter(e -> e.getKey().endsWith("/") && path.startsWith(e.getKey()))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  static void send(HttpExchange exchange, int status, String body) throws IOException {
    send(exchange, status, body.getBytes(StandardCharsets.UTF_8));
  }

  static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
