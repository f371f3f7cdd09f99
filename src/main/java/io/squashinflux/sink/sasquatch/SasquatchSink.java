package io.squashinflux.sink.sasquatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.squashinflux.sink.BatchResult;
import io.squashinflux.sink.DeliveryException;
import io.squashinflux.sink.Line;
import io.squashinflux.sink.LineSink;
import io.squashinflux.sink.Rejected;
import io.squashinflux.net.HttpSettings;
import io.squashinflux.ledger.Urls;
import io.squashinflux.retry.Decision;
import io.squashinflux.retry.Policy;
import io.squashinflux.retry.Retrier;
import io.squashinflux.retry.Side;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes points to Sasquatch as Avro records through its Kafka REST proxy, as lsst/analysis_tools'
 * {@code SasquatchDispatcher} does: the topic {@code NAMESPACE.MEASUREMENT} is created through the
 * v3 API the first time it is used, then the records are posted to {@code /topics/<topic>} as
 * {@code application/vnd.kafka.avro.v2+json} with the stringified {@code value_schema}.
 *
 * <p>Each answer goes through the one {@link Policy}: a request the proxy refuses as a whole is
 * halved until each refused record stands alone; each record's {@code offsets[].error_code} is
 * read, a retriable one sent again, any other reported like a refused line. A line counts as
 * written only when the proxy returned an offset for its record.
 */
public final class SasquatchSink implements LineSink {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** As SasquatchDispatcher creates its topics. */
  private static final int PARTITIONS = 1;
  private static final int REPLICATION_FACTOR = 3;

  private final SasquatchTarget target;
  private final Retrier retrier;
  private final Policy policy = new Policy(true);
  private final ProxyClient proxy;
  private final AvroRecords records;
  private final Topics topics;

  /** {@code http}: proxies, trusted CAs and timeouts, as for the other servers. */
  public SasquatchSink(SasquatchTarget target, Retrier retrier, HttpSettings http) {
    this.target = target;
    this.retrier = retrier;
    this.proxy = new ProxyClient(target, http);
    this.records = new AvroRecords(target.namespace());
    this.topics = new Topics();
  }

  /** Reads the cluster id: the proxy answers and takes the token, or the run stops here. */
  @Override
  public void prepare() throws DeliveryException, InterruptedException {
    topics.clusterId();
  }

  @Override
  public BatchResult write(List<Line> lines) throws DeliveryException, InterruptedException {
    Result result = new Result();
    Map<String, Group> groups = new LinkedHashMap<>();
    for (Line line : lines) {
      if (line.point() == null) {
        result.rejected.add(new Rejected(line, "no point behind this line: Sasquatch takes"
            + " points mapped from jobs, not line protocol text"));
        continue;
      }
      AvroRecords.Mapped mapped = records.map(line.point());
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
    return new BatchResult(result.written, result.rejected, result.requests);
  }

  /** Posts these records, retrying and halving as the policy says, until each is decided. */
  private void produce(Group group, List<Pending> pending, Result result)
      throws DeliveryException, InterruptedException {
    Retrier.Attempts attempts = retrier.start();
    List<Pending> todo = pending;
    boolean created = false;
    while (!todo.isEmpty()) {
      result.requests++;
      ProxyClient.Exchange answer = proxy.post("/topics/" + group.topic(), ProxyClient.AVRO,
          ProxyClient.V2, body(group.schema(), todo));
      Decision decision = policy.decide(Side.SASQUATCH_PRODUCE, answer.answer());
      switch (decision.action()) {
        case DONE -> todo = offsets(todo, answer.body(), result);
        case RETRY -> retryOrStop(attempts, decision, answer);
        case CREATE_DATABASE -> {
          if (created) {
            throw fatal(decision, answer);
          }
          created = true;
          topics.create(group.topic());
        }
        case ISOLATE -> {
          isolate(group, todo, decision, answer, result);
          todo = List.of();
        }
        default -> throw fatal(decision, answer);
      }
      if (!todo.isEmpty() && decision.action() == io.squashinflux.retry.Action.DONE) {
        retryOrStop(attempts, decision, answer);
      }
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
  private List<Pending> offsets(List<Pending> sent, JsonNode body, Result result)
      throws DeliveryException {
    JsonNode offsets = body.path("offsets");
    if (!offsets.isArray() || offsets.size() != sent.size()) {
      throw new DeliveryException("Sasquatch at " + Urls.masked(target.url().toString())
          + " answered " + offsets.size() + " offsets for " + sent.size() + " records", true);
    }
    List<Pending> again = new ArrayList<>();
    for (int i = 0; i < sent.size(); i++) {
      JsonNode offset = offsets.get(i);
      if (offset.path("error_code").isNull() || offset.path("error_code").isMissingNode()) {
        result.written.add(sent.get(i).line());
        continue;
      }
      io.squashinflux.retry.Answer record = io.squashinflux.retry.Answer.of(
          offset.path("error_code").asInt(), offset.path("error").asText(""));
      Decision decision = policy.decide(Side.SASQUATCH_RECORD, record);
      if (decision.action() == io.squashinflux.retry.Action.RETRY) {
        again.add(sent.get(i));
      } else {
        result.rejected.add(new Rejected(sent.get(i).line(), decision.reason() + ": error_code "
            + record.status() + (record.message().isEmpty() ? "" : " \"" + record.message() + "\"")));
      }
    }
    return again;
  }

  private void retryOrStop(Retrier.Attempts attempts, Decision decision,
      ProxyClient.Exchange answer) throws DeliveryException, InterruptedException {
    if (!attempts.waitBeforeNext(Optional.empty())) {
      throw new DeliveryException("Sasquatch at " + Urls.masked(target.url().toString())
          + " did not take the records after " + attempts.failed() + " attempts in "
          + attempts.elapsed().toSeconds() + " s: " + Policy.describe(answer.answer())
          + " (raise --retry-time)", false);
    }
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
  public Duration answerTimeout() {
    return proxy.timeout();
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
    private final java.util.Set<String> known = new java.util.HashSet<>();

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
      Retrier.Attempts attempts = retrier.start();
      while (true) {
        ProxyClient.Exchange answer = request.send();
        Decision decision = policy.decide(Side.SASQUATCH_ADMIN, answer.answer());
        switch (decision.action()) {
          case DONE -> {
            return answer;
          }
          case RETRY -> retryOrStop(attempts, decision, answer);
          default -> throw fatal(decision, answer);
        }
      }
    }
  }

  @FunctionalInterface
  private interface Request {
    ProxyClient.Exchange send() throws InterruptedException;
  }
}
