package io.squashinflux.sink.kafka;

import io.squashinflux.sink.BatchResult;
import io.squashinflux.sink.DeliveryException;
import io.squashinflux.sink.Line;
import io.squashinflux.sink.LineSink;
import io.squashinflux.sink.Rejected;
import io.squashinflux.retry.Answer;
import io.squashinflux.retry.Decision;
import io.squashinflux.retry.Policy;
import io.squashinflux.retry.Retrier;
import io.squashinflux.retry.Side;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes lines to a Kafka topic, one line protocol line per record (what Telegraf's
 * {@code kafka_consumer} reads with {@code data_format = "influx"}), keyed by series.
 *
 * <p>The producer runs with {@code acks=all} and idempotence on, so a record the broker
 * acknowledged is on every in-sync replica and a retried send is not stored twice. A batch is
 * sent whole, then flushed; a line counts as written only when its record's acknowledgement came
 * back. Each producer error goes through the one {@link Policy}: a refused record is reported
 * like a refused line, a timeout is retried with the run's backoff, a refused client stops.
 */
public final class KafkaSink implements LineSink {
  private final KafkaAddress address;
  private final Retrier retrier;
  private final Policy policy = new Policy(false);
  private final KafkaProducer<String, String> producer;
  private final Duration deliveryTimeout;

  public KafkaSink(KafkaAddress address, Retrier retrier) {
    this.address = address;
    this.retrier = retrier;
    Properties config = address.clientProperties();
    config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "squash-influx");
    config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
    config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
    config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
    // Not the user's to loosen: a job is checkpointed on these acknowledgements.
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    this.deliveryTimeout = Duration.ofMillis(Long.parseLong(String.valueOf(
        config.getOrDefault(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000"))));
    this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  /** Fails fast when the topic cannot be found or the brokers cannot be reached. */
  @Override
  public void prepare() throws DeliveryException {
    try {
      producer.partitionsFor(address.topic());
    } catch (KafkaException e) {
      throw new DeliveryException("Kafka at " + address + ": " + Policy.describe(Answer.failed(e))
          + " (is the broker running and the topic there? check the address and"
          + " --kafka-property)", false);
    }
  }

  @Override
  public BatchResult write(List<Line> lines) throws DeliveryException, InterruptedException {
    List<Line> written = new ArrayList<>(lines.size());
    List<Rejected> rejected = new ArrayList<>();
    List<Line> todo = lines;
    Retrier.Attempts attempts = retrier.start();
    int requests = 0;
    while (!todo.isEmpty()) {
      requests++;
      List<Line> again = sendAll(todo, written, rejected);
      if (!again.isEmpty() && !attempts.waitBeforeNext(Optional.empty())) {
        throw new DeliveryException("Kafka at " + address + " did not acknowledge "
            + again.size() + " records after " + attempts.failed() + " attempts in "
            + attempts.elapsed().toSeconds() + " s (is the broker running? raise --retry-time)",
            false);
      }
      todo = again;
    }
    return new BatchResult(written, rejected, requests);
  }

  /** Sends every line, waits for every acknowledgement; returns the lines to send again. */
  private List<Line> sendAll(List<Line> lines, List<Line> written, List<Rejected> rejected)
      throws DeliveryException, InterruptedException {
    List<Future<RecordMetadata>> acks = new ArrayList<>(lines.size());
    for (Line line : lines) {
      acks.add(send(line));
    }
    producer.flush();
    List<Line> again = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Throwable error = failure(acks.get(i));
      if (error == null) {
        written.add(lines.get(i));
        continue;
      }
      Answer answer = Answer.failed(error);
      Decision decision = policy.decide(Side.KAFKA_PRODUCE, answer);
      switch (decision.action()) {
        case RETRY -> again.add(lines.get(i));
        case ISOLATE -> rejected.add(new Rejected(lines.get(i),
            decision.reason() + ": " + Policy.describe(answer)));
        default -> throw new DeliveryException("Kafka at " + address + ": " + decision.reason()
            + " (" + Policy.describe(answer) + ")", true);
      }
    }
    return again;
  }

  private Future<RecordMetadata> send(Line line) {
    try {
      return producer.send(
          new ProducerRecord<>(address.topic(), SeriesKey.of(line.text()), line.text()));
    } catch (KafkaException e) {
      return java.util.concurrent.CompletableFuture.failedFuture(e);
    }
  }

  /** The send's error, or null once the broker acknowledged it. */
  private static Throwable failure(Future<RecordMetadata> ack) throws InterruptedException {
    try {
      ack.get(0, TimeUnit.MILLISECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (java.util.concurrent.TimeoutException e) {
      return new org.apache.kafka.common.errors.TimeoutException("no acknowledgement after flush");
    }
  }

  @Override
  public Duration answerTimeout() {
    return deliveryTimeout;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
