package io.squashinflux.source.kafka;

import io.squashinflux.sink.BatchResult;
import io.squashinflux.sink.DeliveryException;
import io.squashinflux.sink.Line;
import io.squashinflux.sink.LineSink;
import io.squashinflux.sink.Rejected;
import io.squashinflux.ledger.Ledger;
import io.squashinflux.sink.kafka.KafkaAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Consumes a topic of line protocol records into a sink (InfluxDB), committing offsets only for
 * what the sink acknowledged.
 *
 * <p>One thread polls, gathers records into a batch of at most {@code batchLines} lines (across
 * polls), writes the batch through the sink (which retries, splits and isolates refused lines),
 * then commits, per partition, the offset after the batch's last record. So a process killed at
 * any moment has committed only what InfluxDB holds; its partitions go to the others in the group,
 * which read again from the last commit (a point written twice overwrites itself). When the group
 * rebalances, the batch is written and committed before the partitions are given up. A line
 * InfluxDB refuses is reported with its topic, partition and offset, and committed past: waiting
 * would stop the partition for good. When the sink gives up (InfluxDB down past the retry time),
 * the batch is dropped uncommitted and {@link #run} throws; {@code watch} runs a new consumer
 * after a pause, which reads again from the last commit.
 *
 * <p>{@code follow} false ({@code sync}) ends once every partition held is read to its end;
 * true ({@code watch}) runs until {@link #stop}.
 */
public final class TopicSync {
  private static final Duration POLL = Duration.ofMillis(250);
  private static final long MAX_BATCH_AGE_NANOS = Duration.ofSeconds(1).toNanos();

  private final KafkaAddress address;
  private final LineSink sink;
  private final Ledger ledger;
  private final int batchLines;
  private final boolean follow;
  private final KafkaConsumer<String, String> consumer;
  private final Batch batch = new Batch();
  private final Set<Integer> partitionsRead = new TreeSet<>();
  private volatile boolean stopping;
  private boolean assigned;
  private long records;
  private long committed;

  public TopicSync(KafkaAddress address, String group, LineSink sink, Ledger ledger,
      int batchLines, boolean follow) {
    this.address = address;
    this.sink = sink;
    this.ledger = ledger;
    this.batchLines = batchLines;
    this.follow = follow;
    Properties config = address.clientProperties();
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "squash-influx-" + ProcessHandle.current().pid());
    config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(batchLines));
    // Offsets are committed here, after InfluxDB's acknowledgement, never by a timer.
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
  }

  /** Consumes until caught up (or, following, until stopped); a fatal sink error is thrown. */
  public void run() throws DeliveryException, InterruptedException {
    try {
      consumer.subscribe(List.of(address.topic()), new Rebalance());
      while (!stopping) {
        ConsumerRecords<String, String> polled = consumer.poll(POLL);
        for (ConsumerRecord<String, String> record : polled) {
          add(record);
        }
        if (batch.lines.size() >= batchLines || batch.age() > MAX_BATCH_AGE_NANOS
            || (polled.isEmpty() && !batch.lines.isEmpty())) {
          flush();
        }
        if (!follow && polled.isEmpty() && batch.lines.isEmpty() && caughtUp()) {
          break;
        }
      }
      flush();
    } catch (WakeupException stopped) {
      flush();
    } catch (KafkaException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof Failure failure) {
          throw failure.cause;
        }
      }
      throw e;
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  /** Stops after the batch in hand is written and committed. Callable from any thread. */
  public void stop() {
    stopping = true;
    consumer.wakeup();
  }

  /** Records read, those of them committed, and the partitions they came from. */
  public long records() {
    return records;
  }

  public long committed() {
    return committed;
  }

  public Set<Integer> partitionsRead() {
    return partitionsRead;
  }

  private void add(ConsumerRecord<String, String> record) {
    records++;
    partitionsRead.add(record.partition());
    String label = record.topic() + "/" + record.partition() + "@" + record.offset();
    List<Line> lines = RecordLines.of(label, record.value());
    if (lines.isEmpty()) {
      ledger.rejected(label, "", "empty record: no line protocol in it");
    }
    batch.lines.addAll(lines);
    batch.records++;
    batch.next.put(new TopicPartition(record.topic(), record.partition()),
        new OffsetAndMetadata(record.offset() + 1));
    if (batch.started == 0) {
      batch.started = System.nanoTime();
    }
  }

  private boolean caughtUp() {
    if (!assigned) {
      return false;
    }
    Set<TopicPartition> held = consumer.assignment();
    Map<TopicPartition, Long> ends = consumer.endOffsets(held);
    for (TopicPartition partition : held) {
      if (consumer.position(partition) < ends.getOrDefault(partition, 0L)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Writes the batch, then commits its offsets: the only place offsets are committed. A batch the
   * sink gave up on is dropped uncommitted, so the consumer closing after the failure (whose
   * revocation flushes) neither writes it again nor commits it; its records are read again from
   * the last commit by whoever holds their partitions next.
   */
  private void flush() throws DeliveryException, InterruptedException {
    List<Line> lines = List.copyOf(batch.lines);
    Map<TopicPartition, OffsetAndMetadata> next = Map.copyOf(batch.next);
    long held = batch.records;
    batch.clear();
    if (!lines.isEmpty()) {
      BatchResult result = sink.write(lines);
      long fields = 0;
      for (Line line : result.written()) {
        fields += line.fields();
      }
      ledger.written(result.written().size(), fields);
      for (Rejected rejected : result.rejected()) {
        ledger.rejected(rejected.line().job(), rejected.line().text(), rejected.reason());
      }
    }
    if (!next.isEmpty()) {
      commit(next, held);
    }
  }

  private void commit(Map<TopicPartition, OffsetAndMetadata> next, long held) {
    try {
      try {
        consumer.commitSync(next);
      } catch (WakeupException stopped) {
        // stop() while the batch was written: the batch was acknowledged, so commit it before
        // stopping (the wakeup is spent; the loop sees the stop on its own).
        consumer.commitSync(next);
      }
      committed += held;
    } catch (CommitFailedException | org.apache.kafka.common.errors.RebalanceInProgressException e) {
      // The partitions moved on while writing: their new owner reads from the last commit
      // again, and what it writes twice overwrites itself.
    }
  }

  private final class Batch {
    final List<Line> lines = new ArrayList<>();
    final Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
    long records;
    long started;

    long age() {
      return started == 0 ? 0 : System.nanoTime() - started;
    }

    void clear() {
      lines.clear();
      next.clear();
      records = 0;
      started = 0;
    }
  }

  /** Gives up partitions only after what was read from them is written and committed. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      try {
        flush();
      } catch (DeliveryException e) {
        throw new Failure(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KafkaException("interrupted while writing before a rebalance", e);
      }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      assigned = true;
    }
  }

  /** A fatal sink error carried out of a rebalance callback, which may not throw checked ones. */
  private static final class Failure extends KafkaException {
    final transient DeliveryException cause;

    Failure(DeliveryException cause) {
      super(cause.getMessage());
      this.cause = cause;
    }
  }
}
