package io.squashinflux.sink.sasquatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.squashinflux.ledger.Urls;
import io.squashinflux.lineprotocol.Notes;
import io.squashinflux.lineprotocol.Point;
import io.squashinflux.net.HttpSettings;
import io.squashinflux.retry.Action;
import io.squashinflux.retry.Answer;
import io.squashinflux.retry.Decision;
import io.squashinflux.retry.Policy;
import io.squashinflux.retry.Retrier;
import io.squashinflux.retry.Side;
import io.squashinflux.sink.BatchResult;
import io.squashinflux.sink.DeliveryException;
import io.squashinflux.sink.Line;
import io.squashinflux.sink.LineBatch;
import io.squashinflux.sink.Rejected;
import io.squashinflux.sink.Sink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes points to Sasquatch as Avro records through its Kafka REST proxy, as lsst/analysis_tools'
 * {@code SasquatchDispatcher} does: the topic {@code NAMESPACE.MEASUREMENT} is created through the
 * v3 API the first time it is used, then the records are posted to {@code /topics/<topic>} as
 * {@code application/vnd.kafka.avro.v2+json} with the stringified {@code value_schema}.
 *
 * <p>Each point goes through the one encoder first ({@link LineBatch}), so a point no sink can
 * write is dropped and noted as by the others, and a refused record is named in the rejects file
 * by its line; the record itself is mapped from the point by {@link AvroRecords}. Each answer goes
 * through the one {@link Policy} and the one {@link Retrier}: a request the proxy refuses as a
 * whole is halved until each refused record stands alone; each record's
 * {@code offsets[].error_code} is read, a retriable one sent again, any other reported like a
 * refused line. A point counts as written only when the proxy returned an offset for its record:
 * a record with no offset and no error is reported as refused, never taken as stored.
 */
public final class SasquatchSink implements Sink {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** As SasquatchDispatcher creates its topics. */
  private static final int PARTITIONS = 1;
  private static final int REPLICATION_FACTOR = 3;
  private static final Decision ACKNOWLEDGED = new Decision(Action.DONE, "acknowledged");

  private final SasquatchTarget target;
  private final String description;
  private final Retrier retrier;
  private final Policy policy = new Policy(true);
  private final ProxyClient proxy;
  private final AvroRecords records;
  private final Topics topics;

  /**
   * {@code http}: proxies, trusted CAs and timeouts, as for the other servers; {@code description}:
   * the destination as the summary and the state's identity name it.
   */
  public SasquatchSink(SasquatchTarget target, String description, Retrier retrier,
      HttpSettings http) {
    this.target = target;
    this.description = description;
    this.retrier = retrier;
    this.proxy = new ProxyClient(target, http);
    this.records = new AvroRecords(target.namespace());
    this.topics = new Topics();
  }

  @Override
  public String describe() {
    return description;
  }

  /** Reads the cluster id: the proxy answers and takes the token, or the run stops here. */
  @Override
  public void open() throws DeliveryException, InterruptedException {
    topics.clusterId();
  }

  @Override
  public Written write(List<Point> points, Notes notes)
      throws DeliveryException, InterruptedException {
    LineBatch batch = LineBatch.encode(points, notes);
    Result result = new Result();
    Map<String, Group> groups = new LinkedHashMap<>();
    for (Line line : batch.lines()) {
      Point point = batch.point(line);
      if (point.line() != null) {
        result.rejected.add(new Rejected(line, "no point behind this line: Sasquatch takes"
            + " points mapped from jobs, not line protocol text"));
        continue;
      }
      AvroRecords.Mapped mapped = records.map(point);
      if (mapped instanceof AvroRecords.Refused refused) {
        result.rejected.add(new Rejected(line, refused.reason()));
        continue;
      }
      AvroRecords.Encoded encoded = (AvroRecords.Encoded) mapped;
      String schema = encoded.schema().toString();
      groups.computeIfAbsent(encoded.topic() + "\n" + schema,
              k -> new Group(encoded.topic(), schema, new ArrayList<>()))
          .records().add(new Pending(line, encoded.valueJson()));
    }
    for (Group group : groups.values()) {
      topics.ensure(group.topic());
      produce(group, group.records(), result);
    }
    return batch.lines().isEmpty() ? LineBatch.none()
        : batch.answer(new BatchResult(result.written, result.rejected, result.requests));
  }

  /** Posts these records, retrying and halving as the policy says, until each is decided. */
  private void produce(Group group, List<Pending> pending, Result result)
      throws DeliveryException, InterruptedException {
    Produce round = new Produce(group, pending, result);
    Instant started = retrier.clock().instant();
    Retrier.Ended<Produce> ended = retrier.call(answer -> round.decide(),
        () -> new Retrier.Tried<>(round.send().last.answer(), round, Optional.empty()));
    if (ended.gaveUp()) {
      throw gaveUp(round.last, ended.failed(), started);
    }
    Decision decision = ended.decision();
    switch (decision.action()) {
      case DONE -> { }
      case ISOLATE -> isolate(group, round.todo, decision, round.last, result);
      default -> throw fatal(decision, round.last);
    }
  }

  /** The attempts at one request: records still to send, what the proxy last answered. */
  private final class Produce {
    final Group group;
    final Result result;
    List<Pending> todo;
    ProxyClient.Exchange last;
    Answer retry;
    boolean created;

    Produce(Group group, List<Pending> todo, Result result) {
      this.group = group;
      this.todo = todo;
      this.result = result;
    }

    Produce send() throws DeliveryException, InterruptedException {
      result.requests++;
      retry = null;
      last = proxy.post("/topics/" + group.topic(), ProxyClient.AVRO, ProxyClient.V2,
          body(group.schema(), todo));
      Decision decision = policy.decide(Side.SASQUATCH_PRODUCE, last.answer());
      if (decision.action() == Action.DONE) {
        todo = offsets(todo, last.body(), this);
      } else if (decision.action() == Action.CREATE_DATABASE) {
        if (created) {
          throw fatal(decision, last);
        }
        created = true;
        topics.create(group.topic());
        return send();
      }
      return this;
    }

    /** The proxy's verdict on the request; with some records to send again, theirs. */
    Decision decide() {
      Decision decision = policy.decide(Side.SASQUATCH_PRODUCE, last.answer());
      if (decision.action() != Action.DONE) {
        return decision;
      }
      return retry == null ? ACKNOWLEDGED : policy.decide(Side.SASQUATCH_RECORD, retry);
    }
  }

  private void isolate(Group group, List<Pending> todo, Decision decision,
      ProxyClient.Exchange answer, Result result) throws DeliveryException, InterruptedException {
    if (todo.size() == 1) {
      result.rejected.add(new Rejected(todo.get(0).line(),
          decision.reason() + ": " + Policy.describe(answer.answer())));
      return;
    }
    int half = todo.size() / 2;
    produce(group, todo.subList(0, half), result);
    produce(group, todo.subList(half, todo.size()), result);
  }

  /** Reads {@code offsets[]}; returns the records to send again (retriable errors). */
  private List<Pending> offsets(List<Pending> sent, JsonNode body, Produce round)
      throws DeliveryException {
    JsonNode offsets = body.path("offsets");
    if (!offsets.isArray() || offsets.size() != sent.size()) {
      throw new DeliveryException("Sasquatch at " + Urls.masked(target.url().toString())
          + " answered " + offsets.size() + " offsets for " + sent.size() + " records", true);
    }
    List<Pending> again = new ArrayList<>();
    for (int i = 0; i < sent.size(); i++) {
      JsonNode offset = offsets.get(i);
      JsonNode code = offset.path("error_code");
      boolean stored = offset.path("offset").isIntegralNumber();
      if ((code.isNull() || code.isMissingNode()) && stored) {
        round.result.written.add(sent.get(i).line());
        continue;
      }
      Answer record = code.isNull() || code.isMissingNode()
          ? Answer.of(Policy.NO_OFFSET, "no offset and no error for the record")
          : Answer.of(code.asInt(), offset.path("error").asText(""));
      Decision decision = policy.decide(Side.SASQUATCH_RECORD, record);
      if (decision.action() == Action.RETRY) {
        round.retry = round.retry == null ? record : round.retry;
        again.add(sent.get(i));
      } else {
        round.result.rejected.add(new Rejected(sent.get(i).line(), decision.reason()
            + (record.status() == Policy.NO_OFFSET ? "" : ": error_code " + record.status()
                + (record.message().isEmpty() ? "" : " \"" + record.message() + "\""))));
      }
    }
    return again;
  }

  private DeliveryException gaveUp(ProxyClient.Exchange answer, int attempts, Instant started) {
    return new DeliveryException("Sasquatch at " + Urls.masked(target.url().toString())
        + " did not take the records after " + attempts + " attempts in "
        + Duration.between(started, retrier.clock().instant()).toSeconds() + " s: " + Policy.describe(answer.answer())
        + " (raise --retry-time)", false);
  }

  private DeliveryException fatal(Decision decision, ProxyClient.Exchange answer) {
    return new DeliveryException("Sasquatch at " + Urls.masked(target.url().toString()) + ": "
        + decision.reason() + " (" + Policy.describe(answer.answer()) + ")", true);
  }

  private static String body(String schema, List<Pending> records) {
    ObjectNode body = JSON.createObjectNode();
    body.put("value_schema", schema);
    ArrayNode array = body.putArray("records");
    try {
      for (Pending record : records) {
        array.addObject().set("value", JSON.readTree(record.valueJson()));
      }
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    proxy.close();
  }

  private record Pending(Line line, String valueJson) {}

  private record Group(String topic, String schema, List<Pending> records) {}

  private static final class Result {
    final List<Line> written = new ArrayList<>();
    final List<Rejected> rejected = new ArrayList<>();
    int requests;
  }

  /** The cluster id and the topics known to exist, each asked for once per run. */
  private final class Topics {
    private String clusterId;
    private final Set<String> known = new HashSet<>();

    String clusterId() throws DeliveryException, InterruptedException {
      if (clusterId == null) {
        ProxyClient.Exchange answer = admin(() -> proxy.get("/v3/clusters"));
        String id = answer.body().path("data").path(0).path("cluster_id").asText("");
        if (id.isEmpty()) {
          throw new DeliveryException("Sasquatch at " + Urls.masked(target.url().toString())
              + ": GET /v3/clusters named no cluster (is this a Kafka REST proxy URL?)", true);
        }
        clusterId = id;
      }
      return clusterId;
    }

    void ensure(String topic) throws DeliveryException, InterruptedException {
      if (!known.contains(topic)) {
        create(topic);
      }
    }

    /** Creates the topic; one that already exists is as good. */
    void create(String topic) throws DeliveryException, InterruptedException {
      ObjectNode config = JSON.createObjectNode();
      config.put("topic_name", topic);
      config.put("partitions_count", PARTITIONS);
      config.put("replication_factor", REPLICATION_FACTOR);
      String id = clusterId();
      admin(() -> proxy.post("/v3/clusters/" + id + "/topics", "application/json",
          "application/json", config.toString()));
      known.add(topic);
    }

    private ProxyClient.Exchange admin(Request request)
        throws DeliveryException, InterruptedException {
      Instant started = retrier.clock().instant();
      Retrier.Ended<ProxyClient.Exchange> ended = retrier.call(policy, Side.SASQUATCH_ADMIN, () -> {
        ProxyClient.Exchange answer = request.send();
        return new Retrier.Tried<>(answer.answer(), answer, Optional.empty());
      });
      if (ended.gaveUp()) {
        throw gaveUp(ended.value(), ended.failed(), started);
      }
      if (ended.decision().action() != Action.DONE) {
        throw fatal(ended.decision(), ended.value());
      }
      return ended.value();
    }
  }

  @FunctionalInterface
  private interface Request {
    ProxyClient.Exchange send() throws InterruptedException;
  }
}
