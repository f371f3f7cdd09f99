package io.squashinflux.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An incoming webhook on loopback, as a chat offers one: a secret path, {@code POST} of a JSON
 * message, a 2xx when taken. The status it answers can be set, to play an outage.
 */
public final class WebhookReceiver implements AutoCloseable {
  private final HttpServer server;
  private final String path;
  private final List<String> messages = new CopyOnWriteArrayList<>();
  private final AtomicInteger status = new AtomicInteger(200);
  private final AtomicInteger refused = new AtomicInteger();

  private WebhookReceiver(HttpServer server, String path) {
    this.server = server;
    this.path = path;
  }

  /** A receiver whose URL holds {@code secret}, as a Slack webhook's path holds its token. */
  public static WebhookReceiver start(String secret) {
    try {
      HttpServer server = HttpServer.create(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      String path = "/services/T0SQUASH/B0INFLUX/" + secret;
      WebhookReceiver receiver = new WebhookReceiver(server, path);
      server.createContext(path, exchange -> {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
          body = in.readAllBytes();
        }
        int answer = "POST".equals(exchange.getRequestMethod()) ? receiver.status.get() : 405;
        if (answer / 100 == 2) {
          receiver.messages.add(new String(body, StandardCharsets.UTF_8));
        } else {
          receiver.refused.incrementAndGet();
        }
        byte[] reply = (answer / 100 == 2 ? "ok" : "internal_error").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer, reply.length);
        exchange.getResponseBody().write(reply);
        exchange.close();
      });
      server.start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** The secret part of the URL: what must never be printed or stored. */
  public String secretPath() {
    return path;
  }

  /** The messages taken (answered 2xx), in order. */
  public List<String> messages() {
    return List.copyOf(messages);
  }

  /** Requests answered with an error status. */
  public int refused() {
    return refused.get();
  }

  /** The status answered from now on. */
  public void answer(int code) {
    status.set(code);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
