package io.squashinflux.delivery;

import io.squashinflux.report.Urls;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squashinflux.retry.Action;
import io.squashinflux.retry.Answer;
import io.squashinflux.retry.Decision;
import io.squashinflux.retry.Policy;
import io.squashinflux.retry.Retrier;
import io.squashinflux.retry.RetryAfter;
import io.squashinflux.retry.Side;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes batches of lines to InfluxDB 1.x {@code /write}, so that every line ends up written or
 * rejected with the server's reason.
 *
 * <p>Each answer goes through the one {@link Policy}: transient failures are retried with backoff
 * (every point has an explicit time, so a retried write is idempotent); a missing database is
 * created; a body too large is split in halves; a batch with refused lines is bisected until each
 * refused line stands alone, which stores every good line and names every bad one, whatever the
 * server says about the batch as a whole; configuration errors stop the sync. Thread-safe.
 */
public final class InfluxWriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The TLS setup of a client that never uses TLS (a plain-http InfluxDB): without it the JDK's
   * client loads the default trust store anyway, 0.2 s of start-up before anything is read.
   */
  private static final SSLContext NO_TLS = noTls();

  private static SSLContext noTls() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[0], new TrustManager[0], null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS implementation in this JDK", e);
    }
  }

  private final InfluxTarget target;
  private final Policy policy;
  private final Retrier retrier;
  private final HttpClient client;
  private final URI writeUri;
  private final URI queryUri;

  public InfluxWriter(InfluxTarget target, Retrier retrier) {
    this.target = target;
    this.policy = new Policy(target.createDatabase());
    this.retrier = retrier;
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(target.timeout())
            .version(HttpClient.Version.HTTP_1_1);
    if (target.ssl() != null) {
      builder.sslContext(target.ssl());
    } else if (!"https".equalsIgnoreCase(target.url().getScheme())) {
      builder.sslContext(NO_TLS);
    }
    this.client = builder.build();
    String base = target.url().toString().replaceAll("/+$", "");
    String rp =
        target.retentionPolicy() == null ? "" : "&rp=" + encode(target.retentionPolicy());
    this.writeUri = URI.create(base + "/write?db=" + encode(target.database()) + rp + "&precision=ns");
    this.queryUri = URI.create(base + "/query");
  }

  /** Makes sure the database exists (or, with creation off, that InfluxDB answers at all). */
  public void prepare() throws DeliveryException, InterruptedException {
    if (target.createDatabase()) {
      createDatabase();
    } else {
      exchange(Side.INFLUX_QUERY, () -> request(URI.create(queryUri.toString().replace("/query", "/ping"))).GET());
    }
  }

  /** Writes these lines; every one is in the result as written or rejected. */
  public BatchResult write(List<Line> lines) throws DeliveryException, InterruptedException {
    Collector collector = new Collector();
    writeInto(lines, collector);
    return new BatchResult(collector.written, collector.rejected, collector.requests);
  }

  private void writeInto(List<Line> lines, Collector collector)
      throws DeliveryException, InterruptedException {
    if (lines.isEmpty()) {
      return;
    }
    byte[] body = body(lines);
    Outcome outcome =
        exchange(
            Side.INFLUX_WRITE,
            () -> {
              HttpRequest.Builder request = request(writeUri).POST(HttpRequest.BodyPublishers.ofByteArray(body));
              if (target.gzip()) {
                request.header("Content-Encoding", "gzip");
              }
              return request;
            });
    collector.requests += outcome.requests;
    switch (outcome.decision.action()) {
      case DONE -> collector.written.addAll(lines);
      case SPLIT, ISOLATE -> {
        if (lines.size() == 1) {
          String reason =
              outcome.decision.action() == Action.SPLIT
                  ? "line larger than the server's max-body-size (413)"
                  : outcome.answer.message();
          collector.rejected.add(new Rejected(lines.get(0), reason));
        } else {
          int half = lines.size() / 2;
          writeInto(lines.subList(0, half), collector);
          writeInto(lines.subList(half, lines.size()), collector);
        }
      }
      default -> throw new IllegalStateException("unhandled " + outcome.decision);
    }
  }

  private void createDatabase() throws DeliveryException, InterruptedException {
    String name = target.database().replace("\\", "\\\\").replace("\"", "\\\"");
    String form = "q=" + encode("CREATE DATABASE \"" + name + "\"");
    exchange(
        Side.INFLUX_QUERY,
        () ->
            request(queryUri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  /** One answer after retries; fatal answers and exhausted retries become exceptions here. */
  private Outcome exchange(Side side, RequestFactory factory)
      throws DeliveryException, InterruptedException {
    Retrier.Attempts attempts = retrier.start();
    boolean created = false;
    int requests = 0;
    while (true) {
      requests++;
      Response response = send(factory.create().build());
      Decision decision = policy.decide(side, response.answer);
      switch (decision.action()) {
        case RETRY -> {
          if (!attempts.waitBeforeNext(RetryAfter.parse(response.retryAfter, retrier.clock()))) {
            throw new DeliveryException(
                "InfluxDB at " + Urls.masked(target.url().toString())
                    + (side == Side.INFLUX_WRITE ? " did not accept writes" : " did not answer")
                    + " after " + attempts.failed() + " attempts in " + attempts.elapsed().toSeconds()
                    + " s: " + Policy.describe(response.answer) + " (is it running? start it with"
                    + " 'systemctl start influxdb' or 'influxd run'; check --influx-url, or raise"
                    + " --retry-time)",
                false);
          }
        }
        case CREATE_DATABASE -> {
          if (created) {
            throw new DeliveryException("database \"" + target.database() + "\" still not found after creating it", true);
          }
          created = true;
          createDatabase();
        }
        case FATAL, SKIP ->
            throw new DeliveryException(
                "InfluxDB at " + Urls.masked(target.url().toString()) + ": " + decision.reason()
                    + " (" + Policy.describe(response.answer) + ")",
                true);
        default -> {
          return new Outcome(decision, response.answer, requests);
        }
      }
    }
  }

  private Response send(HttpRequest request) throws InterruptedException {
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      String message = errorMessage(response);
      return new Response(
          Answer.of(response.statusCode(), message), response.headers().firstValue("Retry-After"));
    } catch (IOException e) {
      return new Response(Answer.failed(e), java.util.Optional.empty());
    }
  }

  /** InfluxDB's error text: the JSON body's {@code error}, or a /query result's error. */
  private static String errorMessage(HttpResponse<String> response) {
    String header = response.headers().firstValue("X-Influxdb-Error").orElse("");
    String body = response.body() == null ? "" : response.body().trim();
    if (body.startsWith("{")) {
      try {
        JsonNode json = JSON.readTree(body);
        if (json.hasNonNull("error")) {
          return json.get("error").asText();
        }
        JsonNode resultError = json.path("results").path(0).path("error");
        if (!resultError.isMissingNode()) {
          return resultError.asText();
        }
      } catch (IOException notJson) {
        // Fall back to the header or the raw text.
      }
    }
    return header.isEmpty() ? body : header;
  }

  private HttpRequest.Builder request(URI uri) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(target.timeout());
    if (target.user() != null) {
      String password = target.password() == null ? "" : target.password().reveal();
      String token = target.user() + ":" + password;
      builder.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
    }
    return builder;
  }

  private byte[] body(List<Line> lines) {
    StringBuilder text = new StringBuilder(lines.stream().mapToInt(Line::size).sum());
    for (Line line : lines) {
      text.append(line.text()).append('\n');
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    if (!target.gzip()) {
      return bytes;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
    try (GZIPOutputStream gzip = new FastGzip(out)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /**
   * Gzip at the fastest level: line protocol still shrinks about fourfold (the default level:
   * fivefold) for less than half the default level's CPU, which the sync shares with its readers.
   */
  private static final class FastGzip extends GZIPOutputStream {
    FastGzip(ByteArrayOutputStream out) throws IOException {
      super(out, 64 * 1024);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }

  @FunctionalInterface
  private interface RequestFactory {
    HttpRequest.Builder create();
  }

  private record Response(Answer answer, java.util.Optional<String> retryAfter) {}

  private record Outcome(Decision decision, Answer answer, int requests) {}

  private static final class Collector {
    final List<Line> written = new ArrayList<>();
    final List<Rejected> rejected = new ArrayList<>();
    int requests;
  }
}
