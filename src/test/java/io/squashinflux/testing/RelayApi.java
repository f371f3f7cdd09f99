package io.squashinflux.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP(S) server in front of a SQuaSH API (the sample server), passing every GET through
 * and changing the answers as a test asks: gzipped when the request accepts gzip, padded with
 * trailing spaces (still the same JSON) for some paths, or refused without the expected basic
 * credentials. It plays what the sample server does not: compression, TLS with its own CA, a huge job.
 */
public final class RelayApi implements AutoCloseable {
  private final URI upstream;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final HttpClient client = HttpClient.newBuilder()
      .proxy(HttpClient.Builder.NO_PROXY).build();
  private final Set<String> padded = ConcurrentHashMap.newKeySet();
  private volatile boolean gzip;
  private volatile int padBytes;
  private volatile String authorization;
  /** Answers sent gzipped, and requests that asked for gzip. */
  public final AtomicInteger gzipped = new AtomicInteger();
  public final AtomicInteger askedForGzip = new AtomicInteger();
  public final AtomicInteger requests = new AtomicInteger();

  private RelayApi(URI upstream, SSLContext tls) throws IOException {
    this.upstream = upstream;
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    if (tls == null) {
      server = HttpServer.create(address, 0);
    } else {
      HttpsServer https = HttpsServer.create(address, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(tls));
      server = https;
    }
    server.setExecutor(threads);
    server.createContext("/", this::relay);
    server.start();
  }

  /** Over plain http. */
  public static RelayApi http(URI upstream) throws IOException {
    return new RelayApi(upstream, null);
  }

  /** Over https with this server context (a key and certificate of the test's own CA). */
  public static RelayApi https(URI upstream, SSLContext tls) throws IOException {
    return new RelayApi(upstream, tls);
  }

  /** Gzips answers to requests that accept gzip. */
  public RelayApi gzipWhenAsked() {
    gzip = true;
    return this;
  }

  /** Pads the answers to these paths (e.g. {@code /job/3}) with {@code bytes} trailing spaces. */
  public RelayApi pad(int bytes, String... paths) {
    padBytes = bytes;
    padded.addAll(Set.of(paths));
    return this;
  }

  /** Answers 401 unless the request carries exactly this Authorization value. */
  public RelayApi requireAuthorization(String value) {
    authorization = value;
    return this;
  }

  public URI url() {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return URI.create(scheme + "://" + (server instanceof HttpsServer ? "localhost" : "127.0.0.1")
        + ":" + server.getAddress().getPort());
  }

  private void relay(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      String asked = exchange.getRequestHeaders().getFirst("Authorization");
      if (authorization != null && !authorization.equals(asked)) {
        send(exchange, 401, "{\"message\": \"authentication required\"}".getBytes(StandardCharsets.UTF_8), false);
        return;
      }
      String path = exchange.getRequestURI().getRawPath();
      String query = exchange.getRequestURI().getRawQuery();
      HttpResponse<byte[]> answer = client.send(HttpRequest.newBuilder(
          upstream.resolve(path + (query == null ? "" : "?" + query))).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      byte[] body = answer.body();
      if (padded.contains(path)) {
        ByteArrayOutputStream more = new ByteArrayOutputStream(body.length + padBytes);
        more.write(body);
        more.write(" ".repeat(padBytes).getBytes(StandardCharsets.US_ASCII));
        body = more.toByteArray();
      }
      String encodings = exchange.getRequestHeaders().getFirst("Accept-Encoding");
      boolean accepts = encodings != null && encodings.toLowerCase().contains("gzip");
      if (accepts) {
        askedForGzip.incrementAndGet();
      }
      send(exchange, answer.statusCode(), body, gzip && accepts);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void send(HttpExchange exchange, int status, byte[] body, boolean compress)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    if (compress) {
      ByteArrayOutputStream packed = new ByteArrayOutputStream();
      try (GZIPOutputStream out = new GZIPOutputStream(packed)) {
        out.write(body);
      }
      body = packed.toByteArray();
      exchange.getResponseHeaders().set("Content-Encoding", "gzip");
      gzipped.incrementAndGet();
    }
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
