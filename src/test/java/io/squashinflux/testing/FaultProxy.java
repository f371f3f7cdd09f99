package io.squashinflux.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy in front of a real server that injects faults into chosen requests: a dropped
 * connection, a status with a Retry-After, a slow answer, a 413. Requests without a fault pass
 * through unchanged.
 */
public final class FaultProxy implements AutoCloseable {

  /** What to do to one request. */
  public sealed interface Fault {}

  /** Close the connection without an answer. */
  public record Drop() implements Fault {}

  /** Answer with this status and body, and a Retry-After header when not null. */
  public record Status(int status, String body, String retryAfter) implements Fault {}

  /** Wait, then pass the request through. */
  public record Slow(Duration delay) implements Fault {}

  private final HttpServer server;
  private final String target;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final String pathPrefix;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger injected = new AtomicInteger();
  private int every;

  /** A proxy to {@code target} whose faults hit requests whose path starts with {@code pathPrefix}. */
  public FaultProxy(String target, String pathPrefix) throws IOException {
    this.target = target;
    this.pathPrefix = pathPrefix;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/", this::handle);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Queues faults for the next matching requests, one each, in order. */
  public synchronized FaultProxy then(Fault... next) {
    faults.addAll(List.of(next));
    return this;
  }

  /** Spreads the queued faults out: one every {@code n} matching requests. */
  public synchronized FaultProxy every(int n) {
    this.every = n;
    return this;
  }

  public int requests() {
    return requests.get();
  }

  public int injected() {
    return injected.get();
  }

  public synchronized int pending() {
    return faults.size();
  }

  private synchronized Fault nextFault(String path) {
    if (!path.startsWith(pathPrefix)) {
      return null;
    }
    int n = requests.incrementAndGet();
    if (every > 1 && n % every != 0) {
      return null;
    }
    Fault fault = faults.poll();
    if (fault != null) {
      injected.incrementAndGet();
    }
    return fault;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Fault fault = nextFault(exchange.getRequestURI().getPath());
      if (fault instanceof Drop) {
        exchange.getHttpContext().getServer();
        closeAbruptly(exchange);
        return;
      }
      if (fault instanceof Status status) {
        if (status.retryAfter() != null) {
          exchange.getResponseHeaders().add("Retry-After", status.retryAfter());
        }
        byte[] answer = status.body().getBytes();
        exchange.sendResponseHeaders(status.status(), answer.length == 0 ? -1 : answer.length);
        if (answer.length > 0) {
          exchange.getResponseBody().write(answer);
        }
        return;
      }
      if (fault instanceof Slow slow) {
        Thread.sleep(slow.delay().toMillis());
      }
      forward(exchange, body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
            .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    for (String header : List.of("Content-Type", "Content-Encoding", "Authorization")) {
      String value = exchange.getRequestHeaders().getFirst(header);
      if (value != null) {
        request.header(header, value);
      }
    }
    HttpResponse<byte[]> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException targetDown) {
      closeAbruptly(exchange);
      return;
    }
    response.headers().map().forEach((name, values) -> {
      if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("transfer-encoding")
          && !name.equalsIgnoreCase(":status")) {
        values.forEach(v -> exchange.getResponseHeaders().add(name, v));
      }
    });
    byte[] answer = response.body();
    exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
    if (answer.length > 0) {
      exchange.getResponseBody().write(answer);
    }
  }

  /** Ends the exchange with no answer, as a crashed or reset server would. */
  private static void closeAbruptly(HttpExchange exchange) throws IOException {
    InputStream unused = exchange.getRequestBody();
    unused.close();
    // Declaring a body length and sending nothing makes the client see a truncated answer.
    exchange.sendResponseHeaders(200, 1000);
    exchange.getResponseBody().close();
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
