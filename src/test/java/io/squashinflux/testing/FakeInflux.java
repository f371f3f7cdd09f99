package io.squashinflux.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A local HTTP server playing InfluxDB 1.x for the answers a real one cannot be made to give on
 * demand (500 to every write, 400 to a whole batch): {@code /ping} and {@code /query} succeed,
 * and each {@code /write} body goes to the given function, which says how to answer it.
 */
public final class FakeInflux implements AutoCloseable {

  /** How to answer one write: a status and, for errors, InfluxDB's JSON error text. */
  public record Answer(int status, String error) {
    public static final Answer WRITTEN = new Answer(204, null);
  }

  private final HttpServer server;
  private final AtomicInteger writes = new AtomicInteger();

  private FakeInflux(Function<List<String>, Answer> writeAnswer) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fake-influx");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/ping", exchange -> send(exchange, new Answer(204, null)));
    server.createContext("/query", exchange -> send(exchange, new Answer(200, null)));
    server.createContext("/write", exchange -> {
      writes.incrementAndGet();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      send(exchange, writeAnswer.apply(body.lines().toList()));
    });
    server.start();
  }

  /** Starts on a free loopback port; {@code writeAnswer} sees each write's lines. */
  public static FakeInflux start(Function<List<String>, Answer> writeAnswer) {
    try {
      return new FakeInflux(writeAnswer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Write requests answered so far. */
  public int writes() {
    return writes.get();
  }

  private static void send(HttpExchange exchange, Answer answer) throws IOException {
    byte[] body = answer.status() == 204 ? new byte[0]
        : (answer.error() == null ? "{\"results\":[{\"statement_id\":0}]}"
            : "{\"error\":\"" + answer.error().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
