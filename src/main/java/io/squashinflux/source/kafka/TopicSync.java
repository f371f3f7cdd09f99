package io.squashinflux.source.kafka;

import io.squashinflux.delivery.BatchResult;
import io.squashinflux.delivery.DeliveryException;
import io.squashinflux.delivery.Line;
import io.squashinflux.delivery.LineSink;
import io.squashinflux.delivery.Rejected;
import io.squashinflux.report.Ledger;
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
 * would stop the partition for good.
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

  /** Records consumed, and the partitions they came from. */
  public long records() {
    return records;
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

  /** Writes the batch, then commits its offsets: the only place offsets are committed. */
  private void flush() throws DeliveryException, InterruptedException {
    if (!batch.lines.isEmpty()) {
      BatchResult result = sink.write(List.copyOf(batch.lines));
      long fields = 0;
      for (Line line : result.written()) {
        fields += line.fields();
      }
      ledger.written(result.written().size(), fields);
      for (Rejected rejected : result.rejected()) {
        ledger.rejected(rejected.line().job(), rejected.line().text(), rejected.reason());
      }
    }
    if (!batch.next.isEmpty()) {
      try {
        consumer.commitSync(batch.next);
      } catch (CommitFailedException | org.apache.kafka.common.errors.RebalanceInProgressException e) {
        // The partitions moved on while writing: their new owner reads from the last commit
        // again, and what it writes twice overwrites itself.
      }
    }
    batch.clear();
  }

  private final class Batch {
    final List<Line> lines = new ArrayList<>();
    final Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
    long started;

    long age() {
      return started == 0 ? 0 : System.nanoTime() - started;
    }

    void clear() {
      lines.clear();
      next.clear();
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
