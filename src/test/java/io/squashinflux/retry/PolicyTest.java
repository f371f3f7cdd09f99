package io.squashinflux.retry;

import static io.squashinflux.retry.Action.CREATE_DATABASE;
import static io.squashinflux.retry.Action.DONE;
import static io.squashinflux.retry.Action.FATAL;
import static io.squashinflux.retry.Action.ISOLATE;
import static io.squashinflux.retry.Action.RETRY;
import static io.squashinflux.retry.Action.SKIP;
import static io.squashinflux.retry.Action.SPLIT;
import static io.squashinflux.retry.Side.INFLUX_QUERY;
import static io.squashinflux.retry.Side.INFLUX_WRITE;
import static io.squashinflux.retry.Side.SQUASH_JOB;
import static io.squashinflux.retry.Side.SQUASH_LIST;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reads the policy table: each documented answer of InfluxDB 1.x or SQuaSH and what it leads to. */
class PolicyTest {
  private final Policy policy = new Policy(true);
  private final Policy noCreate = new Policy(false);

  @Test
  void aRefusedBucketCreationNamesTheMissingPermission() {
    assertThat(policy.decide(Side.INFLUX_BUCKET_CREATE, status(401, "unauthorized")).reason())
        .contains("write:orgs/<org id>/buckets");
    assertThat(policy.decide(INFLUX_WRITE, status(401, "unauthorized access")).reason())
        .contains("INFLUX_TOKEN");
  }

  static Stream<Arguments> documentedAnswers() {
    return Stream.of(
        row(INFLUX_WRITE, status(204, ""), DONE),
        row(INFLUX_QUERY, status(200, ""), DONE),
        row(SQUASH_JOB, status(200, ""), DONE),
        // A chat's incoming webhook: Slack answers 200 "ok", 404 no_service, 410 for a revoked one.
        row(Side.WEBHOOK, status(200, "ok"), DONE),
        row(Side.WEBHOOK, status(500, "internal_error"), RETRY),
        row(Side.WEBHOOK, status(503, ""), RETRY),
        row(Side.WEBHOOK, status(429, "rate_limited"), RETRY),
        row(Side.WEBHOOK, status(408, ""), RETRY),
        row(Side.WEBHOOK, status(403, "invalid_token"), FATAL),
        row(Side.WEBHOOK, status(404, "no_service"), FATAL),
        row(Side.WEBHOOK, status(410, "channel_is_archived"), FATAL),
        row(Side.WEBHOOK, status(400, "invalid_payload"), FATAL),
        row(INFLUX_WRITE, status(401, "authorization failed"), FATAL),
        row(INFLUX_WRITE, status(403, "user not authorized to write"), FATAL),
        row(INFLUX_QUERY, status(401, "authorization failed"), FATAL),
        row(SQUASH_LIST, status(401, ""), FATAL),
        row(SQUASH_JOB, status(403, ""), FATAL),
        row(INFLUX_WRITE, status(404, "database not found: \"squash\""), CREATE_DATABASE),
        row(INFLUX_WRITE, status(500, "retention policy not found: nope"), FATAL),
        row(INFLUX_QUERY, status(500, "retention policy not found: nope"), FATAL),
        row(INFLUX_WRITE, status(413, "Request Entity Too Large"), SPLIT),
        row(INFLUX_WRITE, status(400, "unable to parse 'm f=': missing field value"), ISOLATE),
        row(INFLUX_WRITE, status(400, "partial write: points beyond retention policy dropped=1"), ISOLATE),
        row(INFLUX_WRITE, status(400, "field type conflict: input field \"f\" is type string"), ISOLATE),
        // InfluxDB 2.x, 3.x, VictoriaMetrics and QuestDB.
        row(INFLUX_WRITE, status(422, "failure writing points to database: partial write:"
            + " points beyond retention policy dropped=4"), ISOLATE),
        row(INFLUX_WRITE, status(400, "partial write of line protocol occurred"), ISOLATE),
        row(INFLUX_WRITE, status(404, "bucket \"squash\" not found"), FATAL),
        row(INFLUX_WRITE, status(500, "failed to parse line protocol:errors encountered on"
            + " line(s):write error: validate_drp, error: java.lang.UnsupportedOperationException"),
            ISOLATE),
        row(Side.INFLUX_BUCKET_READ, status(200, ""), DONE),
        row(Side.INFLUX_BUCKET_READ, status(400, "unsupported path requested: \"/api/v2/buckets\""),
            SKIP),
        row(Side.INFLUX_BUCKET_READ, status(404, "Not Found"), SKIP),
        row(Side.INFLUX_BUCKET_READ, status(404, "organization name \"nope\" not found"), FATAL),
        row(Side.INFLUX_BUCKET_READ, status(401, "unauthorized access"), FATAL),
        row(Side.INFLUX_BUCKET_CREATE, status(401, "write:orgs/0261487478164c85/buckets is"
            + " unauthorized"), FATAL),
        row(Side.INFLUX_BUCKET_CREATE, status(422, "bucket with name squash already exists"), DONE),
        row(Side.INFLUX_BUCKET_CREATE, status(503, ""), RETRY),
        row(INFLUX_WRITE, status(429, ""), RETRY),
        row(INFLUX_WRITE, status(500, "timeout"), RETRY),
        row(INFLUX_WRITE, status(500, "engine: cache-max-memory-size exceeded"), RETRY),
        row(INFLUX_WRITE, status(502, ""), RETRY),
        row(INFLUX_WRITE, status(503, ""), RETRY),
        row(INFLUX_QUERY, status(503, ""), RETRY),
        row(SQUASH_LIST, status(500, ""), RETRY),
        row(SQUASH_JOB, status(503, ""), RETRY),
        row(SQUASH_JOB, status(429, ""), RETRY),
        row(SQUASH_JOB, status(404, "Job not found"), SKIP),
        row(SQUASH_JOB, status(410, ""), SKIP),
        row(SQUASH_LIST, status(404, ""), FATAL),
        row(INFLUX_QUERY, status(400, "error parsing query"), FATAL),
        row(INFLUX_WRITE, status(404, "page not found"), FATAL),
        row(INFLUX_WRITE, status(301, ""), FATAL),
        row(INFLUX_WRITE, failed(new ConnectException("Connection refused")), RETRY),
        row(INFLUX_WRITE, failed(new IOException("wrapped", new ConnectException())), RETRY),
        row(INFLUX_WRITE, failed(new HttpTimeoutException("request timed out")), RETRY),
        row(INFLUX_QUERY, failed(new HttpConnectTimeoutException("connect timed out")), RETRY),
        row(INFLUX_WRITE, failed(new SocketException("Connection reset")), RETRY),
        row(INFLUX_WRITE, failed(new EOFException("EOF reached while reading")), RETRY),
        row(SQUASH_JOB, failed(new IOException("HTTP/1.1 header parser received no bytes")), RETRY),
        row(SQUASH_JOB, failed(new HttpTimeoutException("request timed out")), RETRY),
        row(INFLUX_WRITE, failed(new SSLHandshakeException("PKIX path building failed")), FATAL),
        row(SQUASH_LIST, failed(new IOException("x", new SSLHandshakeException("PKIX"))), FATAL),
        row(INFLUX_WRITE, failed(new UnknownHostException("influx.invalid")), FATAL));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @MethodSource("documentedAnswers")
  void everyDocumentedAnswerHasItsAction(Side side, Answer answer, Action action) {
    assertThat(policy.decide(side, answer).action()).isEqualTo(action);
  }

  @Test
  void missingDatabaseIsFatalWhenCreationIsDisabled() {
    Decision decision = noCreate.decide(INFLUX_WRITE, Answer.of(404, "database not found: \"x\""));
    assertThat(decision.action()).isEqualTo(FATAL);
    assertThat(decision.reason()).contains("--no-create-db");
  }

  @Test
  void retentionPolicyNotFoundIsNeverRetriedEvenThoughItIsA500() {
    assertThat(policy.decide(INFLUX_WRITE, Answer.of(500, "retention policy not found: nope")))
        .satisfies(d -> assertThat(d.action()).isEqualTo(FATAL))
        .satisfies(d -> assertThat(d.reason()).contains("--rp"));
  }

  @Test
  void fatalReasonsSayWhatToFix() {
    assertThat(policy.decide(INFLUX_WRITE, Answer.of(401, "")).reason()).contains("--influx-user");
    assertThat(policy.decide(INFLUX_WRITE,
        Answer.failed(new SSLHandshakeException("PKIX path building failed"))).reason())
        .contains("--ca-cert");
  }

  @Test
  void anAnswerNoRuleKnowsIsFatalAndDescribed() {
    Decision decision = policy.decide(INFLUX_WRITE, Answer.of(304, "odd"));
    assertThat(decision.action()).isEqualTo(FATAL);
    assertThat(decision.reason()).contains("304");
  }

  @Test
  void everyRuleIsNamedSoTheTableReadsAsDocumentation() {
    assertThat(policy.rules()).isNotEmpty()
        .allSatisfy(rule -> assertThat(rule.when()).isNotBlank());
  }

  @Test
  void anIoErrorWithoutMessageIsDescribedByWhatItIs() {
    assertThat(Policy.describe(Answer.failed(new ConnectException()))).isEqualTo("connection refused");
    assertThat(Policy.describe(Answer.of(503, "busy"))).isEqualTo("503 \"busy\"");
  }

  private static Arguments row(Side side, Answer answer, Action action) {
    return Arguments.of(side, answer, action);
  }

  private static Answer status(int status, String message) {
    return Answer.of(status, message);
  }

  private static Answer failed(Throwable error) {
    return Answer.failed(error);
  }
}
