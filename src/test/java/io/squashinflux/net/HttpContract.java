package io.squashinflux.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.squashinflux.testing.TestTls;
import io.squashinflux.testing.Tinyproxy;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link Http} promises, whichever {@link Transport} carries its bytes: each transport's
 * test extends this with {@link #transport}. Real servers on loopback (the JDK's) and a real
 * tinyproxy.
 */
abstract class HttpContract {
  private static final String PROXY_PASSWORD = "s3cret-proxy-pw";

  @TempDir Path dir;
  private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final CountDownLatch release = new CountDownLatch(1);
  /** Each request's Authorization header, as the servers saw them. */
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  /** The transport under test, made for these settings. */
  abstract Transport transport(HttpSettings settings);

  @AfterEach
  void stop() {
    release.countDown();
    servers.forEach(s -> s.stop(0));
    threads.shutdownNow();
  }

  private interface Handler {
    void handle(HttpExchange exchange) throws Exception;
  }

  private URI serve(HttpServer server, String path, Handler handler) {
    server.createContext(path, exchange -> {
      authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      try (exchange) {
        handler.handle(exchange);
      } catch (Exception e) {
        // The exchange is closed: the client sees the connection end.
      }
    });
    boolean tls = server instanceof HttpsServer;
    return URI.create((tls ? "https://localhost:" : "http://127.0.0.1:")
        + server.getAddress().getPort() + path);
  }

  private HttpServer plain() throws IOException {
    return started(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
  }

  private HttpServer started(HttpServer server) {
    server.setExecutor(threads);
    server.start();
    servers.add(server);
    return server;
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private Http client(HttpSettings settings) {
    return new Http(settings, transport(settings));
  }

  private Http client(Proxies proxies, List<Path> cas, Duration timeout, long maxBytes) {
    return client(new HttpSettings(proxies, cas, maxBytes, Duration.ofSeconds(5), timeout));
  }

  private Http client() {
    return client(Proxies.NONE, List.of(), Duration.ofSeconds(20), 1 << 20);
  }

  @Test
  void gzipIsAskedForAndDecodedAndTheCapCountsDecodedBytes() throws Exception {
    HttpServer server = plain();
    byte[] text = "{\"ids\": [1, 2, 3]}".repeat(100).getBytes(StandardCharsets.UTF_8);
    List<String> asked = new CopyOnWriteArrayList<>();
    URI small = serve(server, "/g", e -> {
      asked.add(e.getRequestHeaders().getFirst("Accept-Encoding"));
      e.getResponseHeaders().set("Content-Encoding", "gzip");
      send(e, 200, gzip(text));
    });
    URI bomb = serve(server, "/bomb", e -> {
      e.getResponseHeaders().set("Content-Encoding", "gzip");
      send(e, 200, gzip(new byte[1 << 20]));
    });
    URI declared = serve(server, "/big", e -> send(e, 200, new byte[5000]));
    URI chunked = serve(server, "/chunked", e -> {
      e.sendResponseHeaders(200, 0);
      try (OutputStream out = e.getResponseBody()) {
        for (int i = 0; i < 10; i++) {
          out.write(new byte[1000]);
        }
      }
    });
    Http http = client(Proxies.NONE, List.of(), Duration.ofSeconds(20), 4096);
    assertThat(http.get(small, Map.of()).body()).isEqualTo(text);
    assertThat(asked).singleElement().asString().contains("gzip");
    for (URI uri : List.of(bomb, declared, chunked)) {
      assertThatThrownBy(() -> http.get(uri, Map.of())).as(uri.toString())
          .isInstanceOf(TooLargeException.class).hasMessageContaining("4096 bytes");
    }
    assertThat(http.get(small, Map.of()).body()).as("the client still works").isEqualTo(text);
  }

  @Test
  void theDeadlineCoversTheHeadAndTheBody() throws Exception {
    HttpServer server = plain();
    URI silent = serve(server, "/silent", e -> release.await());
    URI stall = serve(server, "/stall", e -> {
      e.sendResponseHeaders(200, 100);
      e.getResponseBody().write(new byte[10]);
      e.getResponseBody().flush();
      release.await();
    });
    Http http = client(Proxies.NONE, List.of(), Duration.ofMillis(400), 1 << 20);
    for (URI uri : List.of(silent, stall)) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> http.get(uri, Map.of())).as(uri.toString())
          .isInstanceOf(HttpTimeoutException.class)
          .hasMessage("no complete answer from http://127.0.0.1:" + uri.getPort() + " within 400 ms"
              + " (the read timeout)");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void aThreadInterruptedWhileItWaitsForTheHeadOrTheBodyEndsAtOnce() throws Exception {
    HttpServer server = plain();
    CountDownLatch asked = new CountDownLatch(2);
    URI silent = serve(server, "/silent", e -> {
      asked.countDown();
      release.await();
    });
    URI stall = serve(server, "/stall", e -> {
      e.sendResponseHeaders(200, 100);
      e.getResponseBody().write(new byte[10]);
      e.getResponseBody().flush();
      asked.countDown();
      release.await();
    });
    Http http = client(Proxies.NONE, List.of(), Duration.ofSeconds(60), 1 << 20);
    List<Thread> waiting = new CopyOnWriteArrayList<>();
    List<Throwable> ended = new CopyOnWriteArrayList<>();
    for (URI uri : List.of(silent, stall)) {
      Thread thread = new Thread(() -> {
        try {
          http.get(uri, Map.of());
        } catch (Exception e) {
          ended.add(e);
        }
      });
      thread.start();
      waiting.add(thread);
    }
    assertThat(asked.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    waiting.forEach(Thread::interrupt);
    for (Thread thread : waiting) {
      thread.join(Duration.ofSeconds(10).toMillis());
      assertThat(thread.isAlive()).as("ended well before the 60 s deadline").isFalse();
    }
    assertThat(ended).hasSize(2);
  }

  @Test
  void redirectsKeepAuthorizationOnTheirOriginAndNeverGoFromHttpsToHttp() throws Exception {
    Path[] pem = TestTls.selfSigned(dir);
    HttpsServer tls = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    tls.setHttpsConfigurator(new HttpsConfigurator(TestTls.serverContext(pem[0], pem[1])));
    started(tls);
    HttpServer server = plain();
    URI target = serve(server, "/target", e -> send(e, 200, "here".getBytes(StandardCharsets.UTF_8)));
    URI same = serve(server, "/same", e -> {
      e.getResponseHeaders().set("Location", "/target");
      send(e, 302, new byte[0]);
    });
    URI away = serve(tls, "/away", e -> {
      e.getResponseHeaders().set("Location", "https://localhost:" + tls.getAddress().getPort() + "/t");
      send(e, 307, new byte[0]);
    });
    serve(tls, "/t", e -> send(e, 200, "tls".getBytes(StandardCharsets.UTF_8)));
    URI down = serve(tls, "/down", e -> {
      e.getResponseHeaders().set("Location", target.toString());
      send(e, 302, new byte[0]);
    });
    Http http = client(Proxies.NONE, List.of(pem[0]), Duration.ofSeconds(20), 1 << 20);
    Map<String, String> auth = Map.of("Authorization", Http.basic("bob", "pw"));

    assertThat(http.get(same, auth).text()).isEqualTo("here");
    assertThat(authorizations).containsOnly(Http.basic("bob", "pw")).hasSize(2);
    authorizations.clear();
    URI otherName = URI.create(away.toString().replace("localhost", "127.0.0.1"));
    assertThat(http.get(otherName, auth).text()).isEqualTo("tls");
    assertThat(authorizations).containsExactly(Http.basic("bob", "pw"), "null");
    authorizations.clear();
    assertThat(http.get(down, auth).status()).as("https to http is the answer").isEqualTo(302);
    assertThat(authorizations).hasSize(1);
  }

  @Test
  void addedCasAreTrustedAndOnlyForTheNamesTheyCertify() throws Exception {
    Path[] pem = TestTls.selfSigned(dir); // for 127.0.0.1 and localhost
    HttpsServer tls = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    tls.setHttpsConfigurator(new HttpsConfigurator(TestTls.serverContext(pem[0], pem[1])));
    started(tls);
    URI uri = serve(tls, "/", e -> send(e, 200, "ok".getBytes(StandardCharsets.UTF_8)));
    assertThat(client(Proxies.NONE, List.of(pem[0]), Duration.ofSeconds(20), 1 << 20)
        .get(uri, Map.of()).text()).isEqualTo("ok");
    assertThatThrownBy(() -> client().get(uri, Map.of())).isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void proxiesCarryHttpAndTunnelHttpsWithTheirCredentials() throws Exception {
    Path[] pem = TestTls.selfSigned(dir);
    HttpsServer tls = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    tls.setHttpsConfigurator(new HttpsConfigurator(TestTls.serverContext(pem[0], pem[1])));
    started(tls);
    URI secure = serve(tls, "/s", e -> send(e, 200, "tunnelled".getBytes(StandardCharsets.UTF_8)));
    URI plain = serve(plain(), "/p", e -> send(e, 200, "proxied".getBytes(StandardCharsets.UTF_8)));
    try (Tinyproxy proxy = Tinyproxy.start(dir, "batch", PROXY_PASSWORD)) {
      String withCredentials = proxy.url().replace("://", "://batch:" + PROXY_PASSWORD + "@");
      Http http = client(Proxies.of(Map.of(), withCredentials), List.of(pem[0]),
          Duration.ofSeconds(20), 1 << 20);
      assertThat(http.get(plain, Map.of()).text()).isEqualTo("proxied");
      assertThat(http.get(secure, Map.of()).text()).isEqualTo("tunnelled");
      List<String> logged = proxy.requests();
      assertThat(logged).first().isEqualTo("GET " + plain + " HTTP/1.1");
      // A transport may send the credentials on CONNECT at once or after the proxy's challenge.
      assertThat(logged.subList(1, logged.size())).isNotEmpty()
          .containsOnly("CONNECT localhost:" + secure.getPort() + " HTTP/1.1");
      assertThat(http.toString()).doesNotContain(PROXY_PASSWORD);

      Http without = client(Proxies.of(Map.of(), proxy.url()), List.of(), Duration.ofSeconds(20),
          1 << 20);
      assertThat(without.get(plain, Map.of()).status()).isEqualTo(407);
    }
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
        .isInstanceOf(UnknownHostException.class).hasMessage("unknown host no-such-host.invalid");
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    }
    return out.toByteArray();
  }
}
