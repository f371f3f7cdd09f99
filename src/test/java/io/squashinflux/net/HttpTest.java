package io.squashinflux.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The wrapper against real HTTP servers on loopback (the JDK's own server). */
class HttpTest {
  private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final CountDownLatch release = new CountDownLatch(1);
  /** Each request's remote port and Authorization header, as the server saw them. */
  private final List<String> seen = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    release.countDown();
    servers.forEach(s -> s.stop(0));
    threads.shutdownNow();
  }

  private interface Handler {
    void handle(HttpExchange exchange) throws Exception;
  }

  private URI serve(String path, Handler handler) throws IOException {
    HttpServer server = servers.isEmpty() ? null : servers.get(0);
    if (server == null) {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setExecutor(threads);
      server.start();
      servers.add(server);
    }
    server.createContext(path, exchange -> {
      seen.add(exchange.getRemoteAddress().getPort() + " "
          + exchange.getRequestHeaders().getFirst("Authorization"));
      try (exchange) {
        handler.handle(exchange);
      } catch (Exception e) {
        // The exchange is closed: the client sees the connection end.
      }
    });
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static Http client(Duration timeout, long maxBytes) {
    return Http.create(new HttpSettings(Proxies.NONE, List.of(), maxBytes, Duration.ofSeconds(5),
        timeout));
  }

  private static Http client() {
    return client(Duration.ofSeconds(20), 1 << 20);
  }

  @Test
  void keptAliveConnectionServesTheNextGet() throws Exception {
    URI uri = serve("/a", e -> send(e, 200, "hello".getBytes(StandardCharsets.UTF_8)));
    Http http = client();
    assertThat(http.get(uri, Map.of()).text()).isEqualTo("hello");
    assertThat(http.get(uri, Map.of()).text()).isEqualTo("hello");
    assertThat(seen).hasSize(2);
    assertThat(seen.get(0).split(" ")[0]).as("same client port: one connection")
        .isEqualTo(seen.get(1).split(" ")[0]);
  }

  @Test
  void gzippedAnswerIsDecodedAndGzipWasAskedFor() throws Exception {
    byte[] text = "{\"ids\": [1, 2, 3]}".repeat(100).getBytes(StandardCharsets.UTF_8);
    URI uri = serve("/g", e -> {
      assertThat(e.getRequestHeaders().getFirst("Accept-Encoding")).contains("gzip");
      e.getResponseHeaders().set("Content-Encoding", "gzip");
      send(e, 200, gzip(text));
    });
    assertThat(client().get(uri, Map.of()).body()).isEqualTo(text);
  }

  @Test
  void answerOverTheCapIsRefusedByItsLengthOrAsItStreams() throws Exception {
    URI declared = serve("/big", e -> send(e, 200, new byte[5000]));
    URI chunked = serve("/chunked", e -> {
      e.sendResponseHeaders(200, 0);
      try (OutputStream out = e.getResponseBody()) {
        for (int i = 0; i < 10; i++) {
          out.write(new byte[1000]);
        }
      }
    });
    URI bomb = serve("/bomb", e -> {
      e.getResponseHeaders().set("Content-Encoding", "gzip");
      send(e, 200, gzip(new byte[1 << 20])); // 1 KB on the wire, 1 MB decoded
    });
    Http http = client(Duration.ofSeconds(20), 4096);
    for (URI uri : List.of(declared, chunked, bomb)) {
      assertThatThrownBy(() -> http.get(uri, Map.of())).as(uri.toString())
          .isInstanceOf(TooLargeException.class).hasMessageContaining("4096 bytes");
    }
    assertThat(http.get(serve("/small", e -> send(e, 200, new byte[4096])), Map.of()).body())
        .hasSize(4096);
  }

  @Test
  void serverThatStallsMidBodyTimesOutWithinTheExchangeDeadline() throws Exception {
    URI uri = serve("/stall", e -> {
      e.sendResponseHeaders(200, 100);
      e.getResponseBody().write(new byte[10]);
      e.getResponseBody().flush();
      release.await(); // until the test ends: the client alone must end the exchange
    });
    Http http = client(Duration.ofMillis(500), 1 << 20);
    assertThatThrownBy(() -> http.get(uri, Map.of()))
        .isInstanceOf(HttpTimeoutException.class)
        .hasMessageContaining("no complete answer from http://127.0.0.1:")
        .hasMessageContaining("within 500 ms");
  }

  @Test
  void aReadTimeoutShorterThanTheConnectionIsReportedAsTheReadTimeout() throws Exception {
    // A listener whose accept queue is full: the kernel drops the next SYN, so connecting hangs.
    try (java.net.ServerSocket full = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getLoopbackAddress())) {
      List<java.net.Socket> queued = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < 4; i++) {
          java.net.Socket socket = new java.net.Socket();
          queued.add(socket);
          try {
            socket.connect(full.getLocalSocketAddress(), 200);
          } catch (java.io.IOException filled) {
            break;
          }
        }
        URI uri = URI.create("http://127.0.0.1:" + full.getLocalPort() + "/jobs");
        Http http = Http.create(new HttpSettings(Proxies.NONE, List.of(), 1 << 20,
            Duration.ofSeconds(10), Duration.ofMillis(50)));

        assertThatThrownBy(() -> http.get(uri, Map.of()))
            .isInstanceOf(HttpTimeoutException.class)
            .hasMessageContaining("within 50 ms (the read timeout)")
            .hasMessageNotContaining("no connection");
      } finally {
        for (java.net.Socket socket : queued) {
          socket.close();
        }
      }
    }
  }

  @Test
  void serverThatNeverAnswersTimesOut() throws Exception {
    URI uri = serve("/silent", e -> release.await());
    assertThatThrownBy(() -> client(Duration.ofMillis(300), 1 << 20).get(uri, Map.of()))
        .isInstanceOf(HttpTimeoutException.class).hasMessageContaining("within 300 ms");
  }

  @Test
  void redirectOnTheSameOriginKeepsTheAuthorizationAnotherOriginDropsIt() throws Exception {
    URI target = serve("/target", e -> send(e, 200, "here".getBytes(StandardCharsets.UTF_8)));
    URI same = serve("/same", e -> {
      e.getResponseHeaders().set("Location", "/target");
      send(e, 302, new byte[0]);
    });
    HttpServer other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    servers.add(other);
    other.createContext("/away", e -> {
      try (e) {
        e.getResponseHeaders().set("Location", target.toString());
        send(e, 307, new byte[0]);
      }
    });
    other.start();
    URI away = URI.create("http://localhost:" + other.getAddress().getPort() + "/away");
    Http http = client();
    Map<String, String> auth = Map.of("Authorization", Http.basic("bob", "pw"));

    assertThat(http.get(same, auth).text()).isEqualTo("here");
    assertThat(seen).extracting(s -> s.split(" ", 2)[1]).containsExactly(
        Http.basic("bob", "pw"), Http.basic("bob", "pw"));
    seen.clear();
    assertThat(http.get(away, auth).text()).isEqualTo("here");
    assertThat(seen).extracting(s -> s.split(" ", 2)[1]).containsExactly("null");
  }

  @Test
  void moreThanFiveRedirectsReturnTheLastRedirect() throws Exception {
    URI loop = serve("/loop", e -> {
      e.getResponseHeaders().set("Location", "/loop");
      send(e, 302, new byte[0]);
    });
    assertThat(client().get(loop, Map.of()).status()).isEqualTo(302);
    assertThat(seen).hasSize(6);
  }

  @Test
  void postSendsItsBodyAndHeadersAndIsNotRedirected() throws Exception {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    URI uri = serve("/write", e -> {
      received.write(e.getRequestBody().readAllBytes());
      assertThat(e.getRequestHeaders().getFirst("Content-Type")).isEqualTo("text/plain");
      e.getResponseHeaders().set("Location", "/elsewhere");
      send(e, 307, new byte[0]);
    });
    Response answer = client().post(uri, Map.of("Content-Type", "text/plain"),
        "m f=1".getBytes(StandardCharsets.UTF_8));
    assertThat(answer.status()).isEqualTo(307);
    assertThat(received.toString(StandardCharsets.UTF_8)).isEqualTo("m f=1");
    assertThat(seen).hasSize(1);
  }

  @Test
  void failuresAreOneClearLineEach() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    assertThatThrownBy(() -> client().get(URI.create("http://127.0.0.1:" + closed + "/"), Map.of()))
        .isInstanceOf(ConnectException.class);
    assertThatThrownBy(() -> client().get(URI.create("http://no-such-host.invalid/"), Map.of()))
        .isInstanceOf(UnknownHostException.class)
        .hasMessage("unknown host no-such-host.invalid");
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    }
    return out.toByteArray();
  }
}
