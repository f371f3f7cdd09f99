package io.squashinflux.sink.kafka;

import io.squashinflux.lineprotocol.Notes;
import io.squashinflux.lineprotocol.Point;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes points to a Kafka topic, one line protocol line per record (what Telegraf's
 * {@code kafka_consumer} reads with {@code data_format = "influx"}), keyed by series.
 *
 * <p>The producer runs with {@code acks=all} and idempotence on, so a record the broker
 * acknowledged is on every in-sync replica and a retried send is not stored twice. A line counts
 * as written only when its record's acknowledgement came back. Each producer error goes through
 * the one {@link Policy} and the records still to send through the one {@link Retrier}: a refused
 * record is reported like a refused line, a timeout is retried with the run's backoff, a refused
 * client stops. A broker that is gone must not hold a batch past the retry time: a send that cannot
 * even find the topic's metadata ends the attempt for the rest of the batch, such a send blocks at
 * most {@code max.block.ms} (no longer than the retry time), and acknowledgements are awaited only
 * until the retry time is up.
 */
public final class KafkaSink implements Sink {
  private static final long MAX_BLOCK_MILLIS = 30_000;
  /** Acknowledgements are awaited at least this long, however little retry time is left. */
  private static final Duration MIN_ACK_WAIT = Duration.ofSeconds(1);
  private static final Decision ACKNOWLEDGED = new Decision(Action.DONE, "acknowledged");

  private final KafkaAddress address;
  private final String description;
  private final Retrier retrier;
  private final Policy policy = new Policy(false);
  private final KafkaProducer<String, String> producer;

  /** {@code description}: the destination as the summary and the state's identity name it. */
  public KafkaSink(KafkaAddress address, String description, Retrier retrier) {
    this.address = address;
    this.description = description;
    this.retrier = retrier;
    Properties config = address.clientProperties();
    config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "squash-influx");
    config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
    config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
    config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(
        Math.min(MAX_BLOCK_MILLIS, Math.max(1, retrier.backoff().totalTime().toMillis()))));
    // Not the user's to loosen: a job is checkpointed on these acknowledgements.
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  @Override
  public String describe() {
    return description;
  }

  /** Fails fast when the topic cannot be found or the brokers cannot be reached. */
  @Override
  public void open() throws DeliveryException {
    try {
      producer.partitionsFor(address.topic());
    } catch (KafkaException e) {
      throw new DeliveryException("Kafka at " + address + ": " + Policy.describe(Answer.failed(e))
          + " (is the broker running and the topic there? check the address and"
          + " --kafka-property)", false);
    }
  }

  @Override
  public Written write(List<Point> points, Notes notes)
      throws DeliveryException, InterruptedException {
    LineBatch batch = LineBatch.encode(points, notes);
    if (batch.lines().isEmpty()) {
      return LineBatch.none();
    }
    Instant started = retrier.clock().instant();
    Round round = new Round(batch.lines(), started);
    Retrier.Ended<Round> ended = retrier.call(
        answer -> answer == null ? ACKNOWLEDGED : policy.decide(Side.KAFKA_PRODUCE, answer),
        () -> new Retrier.Tried<>(round.send().retry, round, Optional.empty()));
    if (ended.gaveUp()) {
      throw new DeliveryException("Kafka at " + address + " did not acknowledge "
          + round.todo.size() + " records after " + ended.failed() + " attempts in "
          + Duration.between(started, retrier.clock().instant()).toSeconds()
          + " s (is the broker running? raise --retry-time)", false);
    }
    return batch.answer(new BatchResult(round.written, round.rejected, round.requests));
  }

  /** The attempts at one batch: what was acknowledged, refused, and is still to send. */
  private final class Round {
    final List<Line> written = new ArrayList<>();
    final List<Rejected> rejected = new ArrayList<>();
    final Instant started;
    List<Line> todo;
    Answer retry;
    int requests;

    Round(List<Line> lines, Instant started) {
      this.todo = lines;
      this.started = started;
    }

    /** Sends what is left, waits for the acknowledgements, keeps what must be sent again. */
    Round send() throws DeliveryException, InterruptedException {
      requests++;
      List<Future<RecordMetadata>> acks = new ArrayList<>(todo.size());
      Throwable unsent = null;
      for (Line line : todo) {
        Future<RecordMetadata> ack = unsent == null ? produce(line) : null;
        if (ack != null && ack.isDone()) {
          Throwable error = failure(ack, System.nanoTime());
          boolean retriable = error != null && policy.decide(Side.KAFKA_PRODUCE,
              Answer.failed(error)).action() == Action.RETRY;
          unsent = retriable ? error : null; // no metadata: each further send would block as long
        }
        acks.add(ack);
      }
      List<Line> again = new ArrayList<>();
      retry = null;
      long deadline = System.nanoTime()
          + Math.max(MIN_ACK_WAIT.toNanos(), retrier.left(started).toNanos());
      for (int i = 0; i < todo.size(); i++) {
        Future<RecordMetadata> ack = acks.get(i);
        Throwable error = ack == null ? unsent : failure(ack, deadline);
        if (error != null && sort(todo.get(i), error)) {
          again.add(todo.get(i));
        } else if (error == null) {
          written.add(todo.get(i));
        }
      }
      todo = again;
      return this;
    }

    /** Files a failed record: true to send it again, false when refused for good. */
    private boolean sort(Line line, Throwable error) throws DeliveryException {
      Answer answer = Answer.failed(error);
      Decision decision = policy.decide(Side.KAFKA_PRODUCE, answer);
      switch (decision.action()) {
        case RETRY -> {
          retry = retry == null ? answer : retry;
          return true;
        }
        case ISOLATE -> {
          rejected.add(new Rejected(line, decision.reason() + ": " + Policy.describe(answer)));
          return false;
        }
        default -> throw new DeliveryException("Kafka at " + address + ": " + decision.reason()
            + " (" + Policy.describe(answer) + ")", true);
      }
    }
  }

  private Future<RecordMetadata> produce(Line line) {
    try {
      return producer.send(
          new ProducerRecord<>(address.topic(), SeriesKey.of(line.text()), line.text()));
    } catch (KafkaException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The send's error, or null once the broker acknowledged it; waits until {@code deadline}. */
  private static Throwable failure(Future<RecordMetadata> ack, long deadline)
      throws InterruptedException {
    try {
      ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      return new org.apache.kafka.common.errors.TimeoutException(
          "no acknowledgement within the retry time");
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
