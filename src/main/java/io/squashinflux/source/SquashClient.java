package io.squashinflux.source;

import io.squashinflux.report.Urls;
import io.squashinflux.retry.Action;
import io.squashinflux.retry.Answer;
import io.squashinflux.retry.Decision;
import io.squashinflux.retry.Policy;
import io.squashinflux.retry.Retrier;
import io.squashinflux.retry.RetryAfter;
import io.squashinflux.retry.Side;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * GETs from the SQuaSH API with retries: each answer is classified by {@link Policy} and bodies are
 * streamed straight into a reader, so a 3 MB job is never held as text.
 *
 * <p>Plain blocking {@link HttpURLConnection}s with keep-alive, one per fetch thread: for many
 * small GETs they cost a third of the CPU of {@code java.net.http.HttpClient}, whose per-request
 * futures and thread hand-offs dominated a sync's profile (bench/run.sh, BENCHMARKS.md).
 */
final class SquashClient {
  private static final System.Logger LOG = System.getLogger(SquashClient.class.getName());

  /** Reads a body; a syntax error means the transfer broke and is worth another attempt. */
  interface BodyReader<T> {
    T read(InputStream body) throws IOException, JobFormatException;
  }

  private final SSLSocketFactory tls;
  private final int connectTimeoutMillis;
  private final String base;
  private final String authorization;
  private final Duration readTimeout;
  private final Retrier retrier;
  private final Policy policy = new Policy(false);
  private final BodyTimer timer;

  SquashClient(ApiOptions options) {
    // The JDK keeps 5 idle connections per host unless told otherwise: keep one per fetch thread,
    // or the others reconnect (and redo TLS) on every job. Read once, when the cache first loads.
    if (System.getProperty("http.maxConnections") == null) {
      System.setProperty("http.maxConnections", String.valueOf(Math.max(5, options.parallelism())));
    }
    this.tls = options.ssl() == null ? null : options.ssl().getSocketFactory();
    this.connectTimeoutMillis = millis(options.connectTimeout());
    this.base = withoutUserInfo(options.base());
    String userInfo = options.base().getRawUserInfo();
    this.authorization = userInfo == null ? null : "Basic " + Base64.getEncoder().encodeToString(
        java.net.URLDecoder.decode(userInfo, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
    this.readTimeout = options.readTimeout();
    this.retrier = options.retrier();
    this.timer = new BodyTimer(options.readTimeout());
  }

  /** The absolute URL of an API path, without credentials: safe to store and print. */
  String url(String path) {
    return base + path;
  }

  /** GETs {@code path} until the policy says done, skip or stop, or the retries run out. */
  <T> Outcome<T> get(String path, Side side, BodyReader<T> reader) throws InterruptedException {
    URI uri = URI.create(url(path));
    Retrier.Attempts attempts = retrier.start();
    while (true) {
      Attempt<T> attempt = once(uri, side, reader);
      if (attempt.invalid() != null) {
        return Outcome.failed(Outcome.Kind.INVALID, attempt.invalid());
      }
      Decision decision = policy.decide(side, attempt.answer());
      switch (decision.action()) {
        case DONE:
          return Outcome.ok(attempt.value());
        case RETRY:
          LOG.log(System.Logger.Level.DEBUG, "GET {0}: {1}, retrying", path, what(attempt.answer()));
          if (attempts.waitBeforeNext(attempt.retryAfter())) {
            continue;
          }
          return Outcome.failed(Outcome.Kind.GAVE_UP, what(attempt.answer()) + " (gave up after "
              + attempts.failed() + (attempts.failed() == 1 ? " attempt)" : " attempts)"));
        case SKIP:
          return Outcome.failed(Outcome.Kind.SKIPPED, what(attempt.answer()));
        default:
          return Outcome.failed(Outcome.Kind.FATAL, decision.reason() + " (" + what(attempt.answer())
              + ")");
      }
    }
  }

  /** One attempt: the answer as the policy sees it, and the value when the body was read. */
  private record Attempt<T>(Answer answer, T value, Optional<Duration> retryAfter, String invalid) {}

  private <T> Attempt<T> once(URI uri, Side side, BodyReader<T> reader) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before GET " + uri.getPath());
    }
    HttpURLConnection connection;
    int status;
    try {
      connection = open(uri);
      status = connection.getResponseCode();
    } catch (IOException e) {
      return new Attempt<>(Answer.failed(timeoutAsSuch(e)), null, Optional.empty(), null);
    }
    Optional<Duration> retryAfter = RetryAfter.parse(
        Optional.ofNullable(connection.getHeaderField("Retry-After")), retrier.clock());
    Answer answer = Answer.of(status, "");
    boolean done = policy.decide(side, answer).action() == Action.DONE;
    try (BodyTimer.Watch watch = timer.watch(body(connection, done))) {
      if (!done) {
        return new Attempt<>(Answer.of(status, ErrorBody.message(watch.body())), null,
            retryAfter, null);
      }
      return new Attempt<>(answer, reader.read(watch.body()), retryAfter, null);
    } catch (JobFormatException e) {
      return e.syntax()
          ? new Attempt<>(new Answer(0, e.getMessage(), e), null, retryAfter, null)
          : new Attempt<>(answer, null, retryAfter, e.getMessage());
    } catch (IOException e) {
      return new Attempt<>(Answer.failed(timeoutAsSuch(timer.explain(e))), null, retryAfter, null);
    }
  }

  private HttpURLConnection open(URI uri) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    if (tls != null && connection instanceof HttpsURLConnection https) {
      https.setSSLSocketFactory(tls);
    }
    connection.setConnectTimeout(connectTimeoutMillis);
    // A bound on each wait for bytes; the whole body is bounded by the BodyTimer.
    connection.setReadTimeout(millis(readTimeout));
    connection.setRequestProperty("Accept", "application/json");
    if (authorization != null) {
      connection.setRequestProperty("Authorization", authorization);
    }
    return connection;
  }

  /** The answer's body; error bodies come from the error stream, and may be absent. */
  private static InputStream body(HttpURLConnection connection, boolean ok) throws IOException {
    InputStream body = ok ? connection.getInputStream() : connection.getErrorStream();
    return body == null ? InputStream.nullInputStream() : body;
  }

  /** Socket timeouts become the JDK's HTTP timeouts, which the policy knows to retry. */
  private static IOException timeoutAsSuch(IOException e) {
    if (e instanceof SocketTimeoutException timeout) {
      HttpTimeoutException mapped = e.getMessage() != null && e.getMessage().contains("connect")
          ? new HttpConnectTimeoutException(e.getMessage())
          : new HttpTimeoutException(String.valueOf(e.getMessage()));
      mapped.initCause(timeout);
      return mapped;
    }
    return e;
  }

  private static int millis(Duration duration) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
  }

  /** An answer as a user reads it: {@code not found (404)}, {@code invalid JSON at ...}. */
  static String what(Answer answer) {
    if (answer.error() instanceof JobFormatException) {
      return answer.message();
    }
    if (answer.error() != null) {
      return Policy.describe(answer);
    }
    return ErrorBody.phrase(answer.status()) + " (" + answer.status() + ")";
  }

  /** The URL with any password replaced by {@code ***}, for printing. */
  static String masked(URI uri) {
    return Urls.masked(uri.toString());
  }

  private static String withoutUserInfo(URI uri) {
    try {
      String text = new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(),
          null, null).toString();
      return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a valid URL: " + masked(uri), e);
    }
  }
}
