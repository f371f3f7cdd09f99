package io.squashinflux.source;

import io.squashinflux.net.Http;
import io.squashinflux.net.HttpSettings;
import io.squashinflux.net.Streamed;
import io.squashinflux.net.UserInfo;
import io.squashinflux.ledger.Urls;
import io.squashinflux.retry.Action;
import io.squashinflux.retry.Answer;
import io.squashinflux.retry.Decision;
import io.squashinflux.retry.Policy;
import io.squashinflux.retry.Retrier;
import io.squashinflux.retry.RetryAfter;
import io.squashinflux.retry.Side;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * GETs from the SQuaSH API with retries: each answer is classified by {@link Policy} and bodies are
 * streamed straight into a reader, so a large job is never held as text. Answers are asked for
 * gzipped and capped in size by {@link Http}.
 */
final class SquashClient {
  private static final System.Logger LOG = System.getLogger(SquashClient.class.getName());

  /** Reads a body; a syntax error means the transfer broke and is worth another attempt. */
  interface BodyReader<T> {
    T read(InputStream body) throws IOException, JobFormatException;
  }

  private final String base;
  private final Http http;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final Retrier retrier;
  private final Policy policy = new Policy(false);

  SquashClient(ApiOptions options) {
    this.base = withoutUserInfo(options.base());
    headers.put("Accept", "application/json");
    if (options.base().getRawUserInfo() != null) {
      UserInfo info = UserInfo.of(options.base());
      headers.put("Authorization", Http.basic(info.user(),
          info.password() == null ? "" : info.password()));
    }
    HttpSettings settings = options.http() == null ? HttpSettings.defaults() : options.http();
    this.http = Http.create(settings.withTimeouts(options.connectTimeout(), options.readTimeout()));
    this.retrier = options.retrier();
  }

  /** The absolute URL of an API path, without credentials: safe to store and print. */
  String url(String path) {
    return base + path;
  }

  /** GETs {@code path} until the policy says done, skip or stop, or the retries run out. */
  <T> Outcome<T> get(String path, Side side, BodyReader<T> reader) throws InterruptedException {
    Retrier.Ended<T> ended;
    try {
      ended = retrier.call(policy, side, () -> once(path, side, reader));
    } catch (Invalid e) {
      return Outcome.failed(Outcome.Kind.INVALID, e.getMessage());
    }
    Decision decision = ended.decision();
    return switch (decision.action()) {
      case DONE -> Outcome.ok(ended.value());
      case RETRY -> Outcome.failed(Outcome.Kind.GAVE_UP, what(ended.answer()) + " (gave up after "
          + ended.failed() + (ended.failed() == 1 ? " attempt)" : " attempts)"));
      case SKIP -> Outcome.failed(Outcome.Kind.SKIPPED, what(ended.answer()));
      default -> Outcome.failed(Outcome.Kind.FATAL, decision.reason() + " ("
          + what(ended.answer()) + ")");
    };
  }

  /** Valid JSON of the wrong shape: asking again would get the same. */
  private static final class Invalid extends Exception {
    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  private <T> Retrier.Tried<T> once(String path, Side side, BodyReader<T> reader)
      throws Invalid, InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before GET " + path);
    }
    Streamed response;
    try {
      response = http.open(URI.create(base + path), headers);
    } catch (IOException e) {
      return retrying(path, side, new Retrier.Tried<>(Answer.failed(e), null, Optional.empty()));
    }
    Optional<Duration> retryAfter = RetryAfter.parse(response.header("retry-after"),
        retrier.clock());
    Answer answer = Answer.of(response.status(), "");
    try (response; InputStream body = response.body()) {
      if (policy.decide(side, answer).action() != Action.DONE) {
        return retrying(path, side, new Retrier.Tried<>(
            Answer.of(response.status(), ErrorBody.message(body)), null, retryAfter));
      }
      return new Retrier.Tried<>(answer, reader.read(body), retryAfter);
    } catch (JobFormatException e) {
      if (!e.syntax()) {
        throw new Invalid(e.getMessage());
      }
      return retrying(path, side, new Retrier.Tried<>(new Answer(0, e.getMessage(), e), null,
          retryAfter));
    } catch (IOException e) {
      return retrying(path, side, new Retrier.Tried<>(Answer.failed(e), null, retryAfter));
    }
  }

  /** Logs an attempt the policy will retry, for --verbose. */
  private <T> Retrier.Tried<T> retrying(String path, Side side, Retrier.Tried<T> tried) {
    if (policy.decide(side, tried.answer()).action() == Action.RETRY) {
      LOG.log(System.Logger.Level.DEBUG, "GET {0}: {1}, retrying", path, what(tried.answer()));
    }
    return tried;
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
