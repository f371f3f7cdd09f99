package io.squashinflux.retry;

import java.io.EOFException;
import io.squashinflux.net.TooLargeException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.function.Predicate;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * The one table that decides what every answer from InfluxDB, SQuaSH, Kafka or Sasquatch means: retry, fix and retry,
 * isolate, skip or stop. Rules are read top to bottom; the first that matches decides. Nothing else
 * in the code classifies statuses or error messages.
 */
public final class Policy {

  /** One row of the table. */
  public record Rule(String when, Predicate<Side> side, Predicate<Answer> matches, Decision decision) {}

  private final List<Rule> rules;

  /** The table; {@code createDatabase} says whether a missing database may be created. */
  public Policy(boolean createDatabase) {
    this.rules = table(createDatabase);
  }

  public List<Rule> rules() {
    return rules;
  }

  /** The first matching rule's decision; an answer no rule knows is fatal. */
  public Decision decide(Side side, Answer answer) {
    for (Rule rule : rules) {
      if (rule.side().test(side) && rule.matches().test(answer)) {
        return rule.decision();
      }
    }
    return new Decision(Action.FATAL, "unexpected answer " + describe(answer));
  }

  private static List<Rule> table(boolean createDatabase) {
    Predicate<Side> influx = s -> s == Side.INFLUX_WRITE || s == Side.INFLUX_QUERY
        || s == Side.INFLUX_BUCKET_READ || s == Side.INFLUX_BUCKET_CREATE;
    Predicate<Side> write = s -> s == Side.INFLUX_WRITE;
    Predicate<Side> squash = s -> s == Side.SQUASH_LIST || s == Side.SQUASH_JOB;
    Predicate<Side> any = s -> true;
    Predicate<Side> kafka = s -> s == Side.KAFKA_PRODUCE;
    Predicate<Side> sasquatch = s -> s == Side.SASQUATCH_PRODUCE || s == Side.SASQUATCH_ADMIN;
    return List.of(
        new Rule("2xx", any, a -> a.status() >= 200 && a.status() < 300, decision(Action.DONE, "ok")),
        new Rule("Kafka: record refused", kafka, a -> causedBy(a, RecordTooLargeException.class)
                || causedBy(a, InvalidRecordException.class),
            decision(Action.ISOLATE, "the broker refused the record")),
        new Rule("Kafka: not allowed", kafka, a -> causedBy(a, AuthenticationException.class)
                || causedBy(a, AuthorizationException.class),
            decision(Action.FATAL, "the broker refused the client: check the SASL/TLS settings"
                + " (--kafka-property) and the topic's ACLs")),
        new Rule("Kafka: retriable", kafka, a -> causedBy(a, RetriableException.class),
            decision(Action.RETRY, "the broker did not acknowledge in time")),
        new Rule("Kafka: other error", kafka, a -> a.error() != null,
            decision(Action.FATAL, "the producer failed")),
        new Rule("Sasquatch: retriable record error", s -> s == Side.SASQUATCH_RECORD,
            a -> a.status() == 2,
            decision(Action.RETRY, "the proxy could not write the record yet (error_code 2)")),
        new Rule("Sasquatch: record refused", s -> s == Side.SASQUATCH_RECORD, a -> true,
            decision(Action.ISOLATE, "the proxy refused the record")),
        new Rule("TLS handshake failed", influx, a -> causedBy(a, SSLHandshakeException.class),
            decision(Action.FATAL, "the server's TLS certificate does not verify: trust its CA with"
                + " --influx-ca-cert FILE (or --ca-cert FILE for both servers), or check the URL")),
        new Rule("TLS handshake failed", squash, a -> causedBy(a, SSLHandshakeException.class),
            decision(Action.FATAL, "the server's TLS certificate does not verify: trust its CA with"
                + " --squash-ca-cert FILE (or --ca-cert FILE for both servers), or check the URL")),
        new Rule("TLS handshake failed", sasquatch, a -> causedBy(a, SSLHandshakeException.class),
            decision(Action.FATAL, "the REST proxy's TLS certificate does not verify: check the"
                + " URL")),
        new Rule("unknown host", any, a -> causedBy(a, UnknownHostException.class),
            decision(Action.FATAL, "unknown host: check the URL")),
        new Rule("answer too large", s -> s == Side.SQUASH_JOB,
            a -> causedBy(a, TooLargeException.class),
            decision(Action.SKIP, "the job's answer is too large: raise --max-response-size")),
        new Rule("other answer too large", any, a -> causedBy(a, TooLargeException.class),
            decision(Action.FATAL, "the answer is too large: raise --max-response-size")),
        new Rule("no connection, timeout, reset", any, Policy::transientIo,
            decision(Action.RETRY, "no answer (connection refused, reset or timed out)")),
        new Rule("other I/O error", any, a -> a.error() != null,
            decision(Action.RETRY, "I/O error")),
        new Rule("407 proxy authentication", any, a -> a.status() == 407,
            decision(Action.FATAL, "the proxy wants credentials: give them in its URL,"
                + " http://USER:PASSWORD@HOST:PORT (HTTPS_PROXY, HTTP_PROXY or --proxy)")),
        new Rule("webhook: refused", s -> s == Side.WEBHOOK,
            a -> a.status() >= 400 && a.status() < 500 && a.status() != 408 && a.status() != 429,
            decision(Action.FATAL, "the webhook refused the message: check the URL (a revoked"
                + " or mistyped webhook answers 403, 404 or 410)")),
        new Rule("Sasquatch: 401/403", sasquatch, a -> a.status() == 401 || a.status() == 403,
            decision(Action.FATAL, "the REST proxy refused the token: check SASQUATCH_TOKEN (it needs"
                + " the write:sasquatch scope)")),
        new Rule("Sasquatch: topic exists", s -> s == Side.SASQUATCH_ADMIN,
            a -> a.status() == 400 && a.message().contains("already exists"),
            decision(Action.DONE, "the topic exists")),
        new Rule("Sasquatch: topic not found", s -> s == Side.SASQUATCH_PRODUCE,
            a -> a.status() == 404,
            decision(Action.CREATE_DATABASE, "topic not found: creating it")),
        new Rule("webhook: timeout", s -> s == Side.WEBHOOK, a -> a.status() == 408,
            decision(Action.RETRY, "the webhook timed out")),
        new Rule("Sasquatch: schema registry timeout", sasquatch, a -> a.status() == 408,
            decision(Action.RETRY, "the schema registry timed out")),
        new Rule("Sasquatch: records refused", s -> s == Side.SASQUATCH_PRODUCE,
            a -> a.status() == 400 || a.status() == 422,
            decision(Action.ISOLATE, "the proxy refused the records")),
        new Rule("401/403 creating a bucket", s -> s == Side.INFLUX_BUCKET_CREATE, Policy::refused,
            decision(Action.FATAL, "the token may not create buckets: it needs the write:orgs/<org"
                + " id>/buckets permission (an all-access token has it), or create the bucket"
                + " yourself and drop --create-bucket")),
        new Rule("401/403 reading buckets", s -> s == Side.INFLUX_BUCKET_READ, Policy::refused,
            decision(Action.FATAL, "the token may not read buckets or organisations: it needs the"
                + " read:orgs/<org id>/buckets and read:orgs permissions (or is not valid: check"
                + " INFLUX_TOKEN)")),
        new Rule("401/403", any, Policy::refused,
            decision(Action.FATAL, "authentication failed: check --influx-user and INFLUX_PASSWORD,"
                + " or INFLUX_TOKEN (or the SQuaSH credentials)")),
        new Rule("bucket exists already", s -> s == Side.INFLUX_BUCKET_CREATE,
            a -> a.status() == 422 && a.message().contains("already exists"),
            decision(Action.DONE, "the bucket exists")),
        new Rule("organisation not found", s -> s == Side.INFLUX_BUCKET_READ,
            a -> a.status() == 404 && a.message().contains("organization"),
            decision(Action.FATAL, "organisation not found: check --org (or INFLUX_ORG)")),
        new Rule("no bucket API", s -> s == Side.INFLUX_BUCKET_READ,
            a -> a.status() == 400 || a.status() == 404 || a.status() == 405,
            decision(Action.SKIP, "this server has no /api/v2/buckets (VictoriaMetrics and QuestDB"
                + " take /api/v2/write without buckets)")),
        new Rule("org or bucket not found", write, a -> a.status() == 404
                && (a.message().contains("bucket") || a.message().contains("organization")),
            decision(Action.FATAL, "organisation or bucket not found: check --org and --bucket, or"
                + " add --create-bucket")),
        new Rule("database not found", influx, a -> a.status() == 404
                && a.message().contains("database not found"),
            createDatabase
                ? decision(Action.CREATE_DATABASE, "database not found: creating it")
                : decision(Action.FATAL, "database not found and --no-create-db is set: create it"
                    + " or drop --no-create-db")),
        new Rule("retention policy not found", influx,
            a -> a.message().contains("retention policy not found"),
            decision(Action.FATAL, "retention policy not found: check --rp")),
        new Rule("413 too large", write, a -> a.status() == 413,
            decision(Action.SPLIT, "request too large: splitting the batch")),
        new Rule("400 refused lines", write, a -> a.status() == 400,
            decision(Action.ISOLATE, "some lines were refused")),
        new Rule("422 refused lines (v2: beyond retention, type conflicts)", write,
            a -> a.status() == 422,
            decision(Action.ISOLATE, "some lines were refused")),
        new Rule("5xx for a line it cannot take (QuestDB: a field named timestamp)", write,
            a -> a.status() >= 500 && a.message().contains("failed to parse line protocol"),
            decision(Action.ISOLATE, "some lines were refused")),
        new Rule("429/5xx", any, a -> a.status() == 429 || a.status() >= 500,
            decision(Action.RETRY, "server busy or failing")),
        new Rule("job not found or refused", s -> s == Side.SQUASH_JOB,
            a -> a.status() >= 400 && a.status() < 500,
            decision(Action.SKIP, "the job cannot be read")),
        new Rule("other 4xx", any, a -> a.status() >= 400 && a.status() < 500,
            decision(Action.FATAL, "request refused: check the URL")));
  }

  private static Decision decision(Action action, String reason) {
    return new Decision(action, reason);
  }

  private static boolean refused(Answer answer) {
    return answer.status() == 401 || answer.status() == 403;
  }

  private static boolean transientIo(Answer answer) {
    return causedBy(answer, ConnectException.class)
        || causedBy(answer, HttpTimeoutException.class)
        || causedBy(answer, HttpConnectTimeoutException.class)
        || causedBy(answer, NoRouteToHostException.class)
        || causedBy(answer, SocketException.class)
        || causedBy(answer, EOFException.class)
        || causedBy(answer, ClosedChannelException.class);
  }

  private static boolean causedBy(Answer answer, Class<? extends Throwable> type) {
    for (Throwable t = answer.error(); t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** An answer as one line: {@code 503 "busy"} or {@code ConnectException: ...}. */
  public static String describe(Answer answer) {
    if (answer.error() != null) {
      return describe(answer.error());
    }
    return answer.status() + (answer.message().isEmpty() ? "" : " \"" + answer.message() + "\"");
  }

  /**
   * A refused connection reads the same whichever client saw it (the JDK's HttpClient throws one
   * without a message); otherwise the innermost cause that has a message.
   */
  private static String describe(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ConnectException && (t.getMessage() == null || t.getMessage().isBlank()
          || t.getMessage().toLowerCase(java.util.Locale.ROOT).contains("refused"))) {
        return "connection refused";
      }
    }
    if (error instanceof TooLargeException) {
      return error.getMessage();
    }
    Throwable shown = error;
    while ((shown.getMessage() == null || shown.getMessage().isBlank()) && shown.getCause() != null) {
      shown = shown.getCause();
    }
    String message = shown.getMessage();
    return shown.getClass().getSimpleName()
        + (message == null || message.isBlank() ? "" : ": " + message);
  }
}
