package io.squashinflux.influx;

import io.squashinflux.sink.BatchResult;
import io.squashinflux.sink.DeliveryException;
import io.squashinflux.sink.Line;
import io.squashinflux.sink.LineBatch;
import io.squashinflux.sink.Rejected;
import io.squashinflux.sink.Sink;
import io.squashinflux.ledger.Urls;
import io.squashinflux.lineprotocol.Notes;
import io.squashinflux.lineprotocol.Point;
import com.fasterxml.jackson.databind.JsonNode;
import io.squashinflux.json.Json;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes batches of points to InfluxDB as line protocol ({@code /write}, {@code /api/v2/write}
 * or {@code /api/v3/write_lp}: a {@link WriteApi}, detected from {@code /ping} when not given),
 * so that every line ends up written or rejected with the server's reason.
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
public final class InfluxWriter implements Sink {
  /** Refused connections in a row, at the start, after which InfluxDB is taken to be not running. */
  static final int FIRST_CONTACT_REFUSALS = 3;

  private final InfluxTarget target;
  private final Policy policy;
  private final Retrier retrier;
  private final Http http;
  private final String base;
  /** The API spoken: given, or detected by {@link #prepare}; null until then. */
  private volatile WriteApi api;
  private volatile String detectedBy = "";
  /** The Authorization header (the API's way of sending the token), or none. */
  private volatile Map<String, String> headers;

  public InfluxWriter(InfluxTarget target, Retrier retrier) {
    this.target = target;
    this.policy = new Policy(target.createDatabase());
    this.retrier = retrier;
    HttpSettings settings = target.http() == null ? HttpSettings.defaults() : target.http();
    this.http = Http.create(settings.withTimeouts(target.timeout(), target.timeout()));
    this.base = target.url().toString().replaceAll("/+$", "");
    ApiVersion version = target.api().version();
    this.api = version == null ? null : WriteApi.of(version, target);
    // Until detection, a token goes as "Token", which every InfluxDB that has tokens takes.
    this.headers = authorization(api != null ? api : new V1Api(target));
  }

  private static Map<String, String> authorization(WriteApi api) {
    String value = api.authorization();
    return value == null ? Map.of() : Map.of("Authorization", value);
  }

  /**
   * Detects the API when not given, then makes the destination ready: the v1 database created
   * (or, with creation off, InfluxDB answering at all), the v2 bucket checked or created.
   */
  @Override
  public void open() throws DeliveryException, InterruptedException {
    Exchanges first = new WriterExchanges(true);
    if (api == null) {
      Reply ping = first.get(Side.INFLUX_QUERY, "/ping");
      ApiDetection detected = ApiDetection.fromPing(ping.header("x-influxdb-version"),
          ping.header("x-influxdb-build"));
      WriteApi chosen = WriteApi.of(detected.version(), target);
      headers = authorization(chosen);
      detectedBy = detected.because();
      api = chosen;
    }
    api.prepare(first);
  }

  /** The API spoken ({@code v1}...); null before {@link #open} when it is detected. */
  @Override
  public String api() {
    WriteApi current = api;
    return current == null ? null : current.version().label();
  }

  /**
   * The URL and where on it lines go, for a state's identity: {@code URL squash} (v1), {@code URL
   * v2 org o bucket b}; null until the API is known.
   */
  @Override
  public String identity() {
    WriteApi current = api;
    return current == null ? null
        : Urls.masked(target.url().toString()) + " " + current.destination();
  }

  /** One line for the summary: the API, where it writes, how it was chosen, what was checked. */
  @Override
  public String describe() {
    WriteApi current = api;
    if (current == null) {
      return "InfluxDB API not detected yet";
    }
    String path = current.writePath();
    StringBuilder out = new StringBuilder("InfluxDB API ").append(current.version().label())
        .append(" (POST ").append(path, 0, path.indexOf('?')).append(", ").append(current.where());
    out.append(detectedBy.isEmpty() ? "; as --influx-api says" : "; detected from " + detectedBy);
    out.append(current.prepared().isEmpty() ? "" : "; " + current.prepared()).append(')');
    return out.toString();
  }

  @Override
  public Written write(List<Point> points, Notes notes)
      throws DeliveryException, InterruptedException {
    LineBatch batch = LineBatch.encode(points, notes);
    return batch.lines().isEmpty() ? LineBatch.none() : batch.answer(write(batch.lines()));
  }

  /** Writes these lines; every one is in the result as written or rejected. */
  BatchResult write(List<Line> lines) throws DeliveryException, InterruptedException {
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
    WriteApi writing = api;
    URI writeUri = URI.create(base + writing.writePath());
    Outcome outcome =
        exchange(Side.INFLUX_WRITE, false, () -> http.post(writeUri, writeHeaders(), body));
    collector.requests += outcome.requests;
    switch (outcome.decision.action()) {
      case DONE -> collector.written.addAll(lines);
      case SPLIT, ISOLATE -> {
        List<WriteApi.Refusal> named = outcome.decision.action() == Action.ISOLATE
            ? writing.refusals(outcome.sent.body()) : List.of();
        if (LineRefusals.apply(named, lines, collector.written, collector.rejected)) {
          return;
        }
        if (outcome.decision.action() == Action.ISOLATE) {
          isolate(lines, outcome.sent.answer().message(), collector);
        } else if (lines.size() == 1) {
          collector.rejected.add(new Rejected(lines.get(0),
              "line larger than the server's max-body-size (413)"));
        } else {
          bisect(lines, collector);
        }
      }
      default -> throw new IllegalStateException("unhandled " + outcome.decision);
    }
  }

  private void bisect(List<Line> lines, Collector collector)
      throws DeliveryException, InterruptedException {
    int half = lines.size() / 2;
    writeInto(lines.subList(0, half), collector);
    writeInto(lines.subList(half, lines.size()), collector);
  }

  /**
   * Finds the refused lines of a batch from the server's message (InfluxDB 1.x names each line it
   * could not parse, and says {@code dropped=N}): lines it names are refused and the rest is sent
   * again, once for all of them; a batch whose every point was dropped is refused as a whole.
   * Otherwise the batch is bisected.
   */
  private void isolate(List<Line> lines, String message, Collector collector)
      throws DeliveryException, InterruptedException {
    if (lines.size() == 1) {
      collector.rejected.add(new Rejected(lines.get(0), message));
      return;
    }
    RefusalMessage refusal = RefusalMessage.of(message);
    if (!refusal.named().isEmpty()) {
      Map<String, String> named = new java.util.HashMap<>();
      refusal.named().forEach(n -> named.putIfAbsent(n.line(), n.reason()));
      List<Line> rest = new ArrayList<>(lines.size());
      for (Line line : lines) {
        String reason = named.get(line.text());
        if (reason != null) {
          collector.rejected.add(new Rejected(line, reason));
        } else {
          rest.add(line);
        }
      }
      if (rest.size() < lines.size()) {
        writeInto(rest, collector);
        return;
      }
    }
    if (refusal.dropped() == lines.size()) {
      // Every point of the request was refused: nothing to look for. (A smaller count does not
      // say which were written: a point beyond retention, or one conflicting with another of the
      // same request, may be kept in one request and refused in the next.)
      lines.forEach(line -> collector.rejected.add(new Rejected(line, message)));
    } else {
      bisect(lines, collector);
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

  /**
   * One answer after retries; fatal answers and exhausted retries become exceptions here. On
   * {@code firstContact}, refused connections give up after {@link #FIRST_CONTACT_REFUSALS}.
   */
  private Outcome exchange(Side side, boolean firstContact, RequestFactory factory)
      throws DeliveryException, InterruptedException {
    return exchange(side, firstContact, factory, false);
  }

  private Outcome exchange(Side side, boolean firstContact, RequestFactory factory,
      boolean created) throws DeliveryException, InterruptedException {
    java.time.Instant started = retrier.clock().instant();
    int[] refusals = {firstContact ? 0 : -1};
    Retrier.Ended<Sent> ended = retrier.call(policy, side, () -> {
      Sent sent = send(factory);
      if (refusals[0] >= 0 && refused(sent.answer)) {
        if (++refusals[0] >= FIRST_CONTACT_REFUSALS) { // nothing is listening there
          throw unreachable(side, sent, refusals[0], started);
        }
      } else {
        refusals[0] = -1;
      }
      return new Retrier.Tried<>(sent.answer, sent,
          RetryAfter.parse(sent.retryAfter, retrier.clock()));
    });
    if (ended.gaveUp()) {
      throw unreachable(side, ended.value(), ended.failed(), started);
    }
    int requests = ended.failed() + 1;
    Decision decision = ended.decision();
    switch (decision.action()) {
      case CREATE_DATABASE -> {
        if (created) {
          throw new DeliveryException("database \"" + target.database()
              + "\" still not found after creating it", true);
        }
        api.create(new WriterExchanges(false));
        Outcome again = exchange(side, false, factory, true);
        return new Outcome(again.decision, again.sent, requests + again.requests);
      }
      case FATAL -> throw new DeliveryException("InfluxDB at " + Urls.masked(target.url().toString())
          + ": " + decision.reason() + " (" + Policy.describe(ended.answer()) + ")", true);
      default -> {
        return new Outcome(decision, ended.value(), requests);
      }
    }
  }

  private DeliveryException unreachable(Side side, Sent last, int attempts,
      java.time.Instant started) {
    long seconds = java.time.Duration.between(started, retrier.clock().instant()).toSeconds();
    return new DeliveryException("InfluxDB at " + Urls.masked(target.url().toString())
        + (side == Side.INFLUX_WRITE ? " did not accept writes" : " did not answer")
        + " after " + attempts + " attempts in " + seconds + " s: "
        + Policy.describe(last.answer) + " (is it running? start it with 'systemctl start"
        + " influxdb' or 'influxd run'; check --influx-url, or raise --retry-time)", false);
  }

  private Sent send(RequestFactory request) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before a request to InfluxDB");
    }
    try {
      Response answer = request.send();
      String text = answer.text();
      Map<String, String> names = new LinkedHashMap<>();
      answer.headers().map().forEach((name, values) ->
          names.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
      return new Sent(Answer.of(answer.status(), errorMessage(answer, text)),
          answer.header("retry-after"), text, names);
    } catch (IOException e) {
      return new Sent(Answer.failed(e), Optional.empty(), "", Map.of());
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

  /**
   * InfluxDB's error text: the JSON body's {@code error} (1.x, 3.x) or {@code message} (2.x, 3.x:
   * {@code {"code", "message"}}), or a /query result's error.
   */
  private static String errorMessage(Response answer, String text) {
    String header = answer.header("x-influxdb-error").orElse(null);
    String body = text.trim();
    if (body.startsWith("{")) {
      try {
        JsonNode json = Json.tree(body);
        if (json.hasNonNull("error")) {
          return json.get("error").asText();
        }
        if (json.hasNonNull("message")) {
          return json.get("message").asText();
        }
        JsonNode resultError = json.path("results").path(0).path("error");
        if (!resultError.isMissingNode()) {
          return resultError.asText();
        }
      } catch (IOException notJson) {
        // Fall back to the header or the raw text.
      }
    }
    if (header != null && !header.isEmpty()) {
      return header;
    }
    // Not InfluxDB's JSON: a proxy's or a load balancer's page; its first words only, on one line.
    String line = body.startsWith("<") ? "" : body.replaceAll("\\s+", " ");
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
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

  /** Nothing to release: the JDK's client drops its idle connections once unused. */
  @Override
  public void close() {
    // JDK 17's HttpClient has no close(); its connections time out on their own.
  }

  private record Sent(Answer answer, Optional<String> retryAfter, String body,
      Map<String, String> headers) {}

  private record Outcome(Decision decision, Sent sent, int requests) {}

  /** The preparation's requests, through {@link #exchange} like every write. */
  private final class WriterExchanges implements Exchanges {
    private final boolean firstContact;

    WriterExchanges(boolean firstContact) {
      this.firstContact = firstContact;
    }

    @Override
    public Reply get(Side side, String path) throws DeliveryException, InterruptedException {
      URI uri = URI.create(base + path);
      return reply(exchange(side, firstContact, () -> http.get(uri, headers)));
    }

    @Override
    public Reply post(Side side, String path, String contentType, byte[] body)
        throws DeliveryException, InterruptedException {
      URI uri = URI.create(base + path);
      Map<String, String> all = new LinkedHashMap<>(headers);
      all.put("Content-Type", contentType);
      return reply(exchange(side, firstContact, () -> http.post(uri, all, body)));
    }

    @Override
    public DeliveryException refused(String what) {
      return new DeliveryException(
          "InfluxDB at " + Urls.masked(target.url().toString()) + ": " + what, true);
    }

    private Reply reply(Outcome outcome) {
      Sent sent = outcome.sent();
      return new Reply(outcome.decision(), sent.answer().status(), sent.answer().message(),
          sent.body(), sent.headers());
    }
  }

  private static final class Collector {
    final List<Line> written = new ArrayList<>();
    final List<Rejected> rejected = new ArrayList<>();
    int requests;
  }
}
