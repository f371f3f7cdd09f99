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
import io.squashinflux.net.Http;
import io.squashinflux.net.HttpSettings;
import io.squashinflux.net.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * server says about the batch as a whole; configuration errors stop the sync. A server that
 * refuses the very first connections is reported within seconds ({@link #FIRST_CONTACT_REFUSALS}):
 * nothing is listening there, and the long retries are kept for outages that start mid-run.
 * Thread-safe.
 */
public final class InfluxWriter implements LineSink {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Refused connections in a row, at the start, after which InfluxDB is taken to be not running. */
  static final int FIRST_CONTACT_REFUSALS = 3;

  private final InfluxTarget target;
  private final Policy policy;
  private final Retrier retrier;
  private final Http http;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final URI writeUri;
  private final URI queryUri;
  private final URI pingUri;

  public InfluxWriter(InfluxTarget target, Retrier retrier) {
    this.target = target;
    this.policy = new Policy(target.createDatabase());
    this.retrier = retrier;
    HttpSettings settings = target.http() == null ? HttpSettings.defaults() : target.http();
    this.http = Http.create(settings.withTimeouts(target.timeout(), target.timeout()));
    if (target.user() != null) {
      headers.put("Authorization", Http.basic(target.user(),
          target.password() == null ? "" : target.password().reveal()));
    }
    String rp =
        target.retentionPolicy() == null ? "" : "&rp=" + encode(target.retentionPolicy());
    String base = target.url().toString().replaceAll("/+$", "");
    this.writeUri = URI.create(base + "/write?db=" + encode(target.database()) + rp + "&precision=ns");
    this.queryUri = URI.create(base + "/query");
    this.pingUri = URI.create(base + "/ping");
  }

  /** Makes sure the database exists (or, with creation off, that InfluxDB answers at all). */
  @Override
  public void prepare() throws DeliveryException, InterruptedException {
    if (target.createDatabase()) {
      createDatabase(true);
    } else {
      exchange(Side.INFLUX_QUERY, true, () -> http.get(pingUri, headers));
    }
  }

  /** Writes these lines; every one is in the result as written or rejected. */
  @Override
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
        exchange(Side.INFLUX_WRITE, false, () -> http.post(writeUri, writeHeaders(), body));
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

  private Map<String, String> writeHeaders() {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Content-Type", "text/plain; charset=utf-8");
    if (target.gzip()) {
      all.put("Content-Encoding", "gzip");
    }
    return all;
  }

  private void createDatabase(boolean firstContact) throws DeliveryException, InterruptedException {
    String name = target.database().replace("\\", "\\\\").replace("\"", "\\\"");
    String form = "q=" + encode("CREATE DATABASE \"" + name + "\"");
    Map<String, String> formHeaders = new LinkedHashMap<>(headers);
    formHeaders.put("Content-Type", "application/x-www-form-urlencoded");
    exchange(Side.INFLUX_QUERY, firstContact,
        () -> http.post(queryUri, formHeaders, form.getBytes(StandardCharsets.US_ASCII)));
  }

  /**
   * One answer after retries; fatal answers and exhausted retries become exceptions here. On
   * {@code firstContact}, refused connections give up after {@link #FIRST_CONTACT_REFUSALS}.
   */
  private Outcome exchange(Side side, boolean firstContact, RequestFactory factory)
      throws DeliveryException, InterruptedException {
    Retrier.Attempts attempts = retrier.start();
    boolean created = false;
    int requests = 0;
    while (true) {
      requests++;
      Reply response = send(factory);
      Decision decision = policy.decide(side, response.answer);
      switch (decision.action()) {
        case RETRY -> {
          firstContact &= refused(response.answer);
          boolean notRunning = firstContact && requests >= FIRST_CONTACT_REFUSALS;
          if (notRunning
              || !attempts.waitBeforeNext(RetryAfter.parse(response.retryAfter, retrier.clock()))) {
            throw new DeliveryException(
                "InfluxDB at " + Urls.masked(target.url().toString())
                    + (side == Side.INFLUX_WRITE ? " did not accept writes" : " did not answer")
                    + " after " + requests + " attempts in " + attempts.elapsed().toSeconds()
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
          createDatabase(false);
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

  private Reply send(RequestFactory request) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before a request to InfluxDB");
    }
    try {
      Response answer = request.send();
      return new Reply(Answer.of(answer.status(), errorMessage(answer, answer.text())),
          answer.header("retry-after"));
    } catch (IOException e) {
      return new Reply(Answer.failed(e), Optional.empty());
    }
  }

  private static boolean refused(Answer answer) {
    for (Throwable t = answer.error(); t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return true;
      }
    }
    return false;
  }

  /** InfluxDB's error text: the JSON body's {@code error}, or a /query result's error. */
  private static String errorMessage(Response answer, String text) {
    String header = answer.header("x-influxdb-error").orElse(null);
    String body = text.trim();
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
    return header == null || header.isEmpty() ? body : header;
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

  /** One request, sent again on each attempt. */
  @FunctionalInterface
  private interface RequestFactory {
    Response send() throws IOException, InterruptedException;
  }

  /** The longest one request to InfluxDB may take, its answer included. */
  @Override
  public java.time.Duration answerTimeout() {
    return target.timeout();
  }

  /** Nothing to release: the JDK's client drops its idle connections once unused. */
  @Override
  public void close() {
    // JDK 17's HttpClient has no close(); its connections time out on their own.
  }

  private record Reply(Answer answer, Optional<String> retryAfter) {}

  private record Outcome(Decision decision, Answer answer, int requests) {}

  private static final class Collector {
    final List<Line> written = new ArrayList<>();
    final List<Rejected> rejected = new ArrayList<>();
    int requests;
  }
}
