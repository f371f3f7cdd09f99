package io.squashinflux.notify;

import io.squashinflux.net.Http;
import io.squashinflux.net.HttpUrl;
import io.squashinflux.net.HttpSettings;
import io.squashinflux.net.Response;
import io.squashinflux.retry.Action;
import io.squashinflux.retry.Answer;
import io.squashinflux.retry.Decision;
import io.squashinflux.retry.Policy;
import io.squashinflux.retry.Retrier;
import io.squashinflux.retry.RetryAfter;
import io.squashinflux.retry.Side;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * An incoming webhook. Its URL is a secret (a Slack webhook URL holds its token): it is only
 * ever sent to, and every message this class gives shows its origin alone, with any echo of the
 * URL in an answer or an error cut out.
 */
public final class Webhook {
  /** What became of one message: sent (a 2xx), or why not, safe to print. */
  public record Outcome(boolean sent, String failure) {}

  private final URI url;
  private final Http http;
  private final Retrier retrier;
  private final Policy policy = new Policy(false);

  /** {@code url} must be an http(s) URL; {@link #parse} checks one without printing it. */
  public Webhook(URI url, HttpSettings settings, Retrier retrier) {
    this.url = url;
    this.http = Http.create(settings);
    this.retrier = retrier;
  }

  /** The URL of a webhook option, or an error message that does not repeat it. */
  public static URI parse(String text) {
    try {
      URI uri = new URI(text.trim());
      if (HttpUrl.valid(uri)) {
        return uri;
      }
    } catch (java.net.URISyntaxException e) {
      // Its message quotes the URL: not repeated.
    }
    throw new IllegalArgumentException("the webhook URL is not an http(s) URL (not shown: it"
        + " holds the webhook's token)");
  }

  /** Where messages go, without the secret part: {@code https://hooks.slack.com}. */
  public String origin() {
    return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
  }

  /** POSTs one JSON message, retried as the policy says for a webhook. */
  public Outcome post(byte[] json) throws InterruptedException {
    Retrier.Attempts attempts = retrier.start();
    while (true) {
      Answer answer;
      Optional<Duration> retryAfter = Optional.empty();
      try {
        Response r = http.post(url, Map.of("Content-Type", "application/json; charset=utf-8"), json);
        answer = Answer.of(r.status(), firstLine(new String(r.body(), StandardCharsets.UTF_8)));
        retryAfter = RetryAfter.parse(r.header("retry-after"), retrier.clock());
      } catch (IOException e) {
        answer = Answer.failed(e);
      }
      Decision decision = policy.decide(Side.WEBHOOK, answer);
      if (decision.action() == Action.DONE) {
        return new Outcome(true, null);
      }
      if (decision.action() == Action.RETRY && attempts.waitBeforeNext(retryAfter)) {
        continue;
      }
      String why = decision.action() == Action.RETRY
          ? decision.reason() + ", gave up after " + attempts.failed()
              + (attempts.failed() == 1 ? " attempt" : " attempts")
          : decision.reason();
      return new Outcome(false, redact("the webhook at " + origin() + " answered "
          + Policy.describe(answer) + ": " + why));
    }
  }

  /** Cuts the URL, and its path, out of a text that may quote them. */
  String redact(String text) {
    String out = text.replace(url.toString(), origin() + "/...");
    String path = url.getRawPath();
    if (path != null && path.length() > 1) {
      out = out.replace(path, "/...");
    }
    return out;
  }

  private static String firstLine(String text) {
    String line = text.strip().lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
