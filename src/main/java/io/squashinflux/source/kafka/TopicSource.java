package io.squashinflux.source.kafka;

import io.squashinflux.lineprotocol.LineText;
import io.squashinflux.lineprotocol.Point;
import io.squashinflux.sink.kafka.KafkaAddress;
import io.squashinflux.source.Ack;
import io.squashinflux.source.Item;
import io.squashinflux.source.Source;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A topic of line protocol records as a pipeline {@link Source}: each record is one item of
 * points (its lines, sent as they are), labelled {@code TOPIC/PARTITION@OFFSET} so a line the sink
 * refuses is reported with the record it came from, and acknowledged by committing its offset.
 *
 * <p>A partition is committed only up to its first record the pipeline has not acknowledged, so a
 * process killed at any moment has committed only what the sink holds; its partitions go to the
 * others in the group, which read again from the last commit. A line with no time gets its
 * record's time before it is first sent, so a record read or sent again overwrites itself. When
 * the group rebalances, the records read from the partitions given up are written and committed
 * first. A record the sink refuses is acknowledged, so committed past: waiting would stop the
 * partition for good. Commits happen on the consumer's thread, after each poll and at
 * {@link #close}, which commits what was acknowledged after the reading ended.
 *
 * <p>{@code follow} false ({@code sync}) ends the reading once every partition held is read to its
 * end; true ({@code watch}) reads until the reading thread is interrupted (a stop).
 */
public final class TopicSource implements Source {
  private static final Duration POLL = Duration.ofMillis(250);

  /** Hears about records with nothing to write. */
  public interface Rejections {
    void rejected(String ref, String line, String reason);
  }

  private final KafkaAddress address;
  private final boolean follow;
  private final Rejections rejections;
  private final Clock clock;
  private final KafkaConsumer<String, String> consumer;
  private final Offsets offsets = new Offsets();
  private final Set<Integer> partitionsRead = new ConcurrentSkipListSet<>();
  private volatile long records;
  private volatile boolean assigned;
  private volatile boolean closing;

  public TopicSource(KafkaAddress address, String group, int batchLines, boolean follow,
      Rejections rejections, Clock clock) {
    this.address = address;
    this.follow = follow;
    this.rejections = rejections;
    this.clock = clock;
    Properties config = address.clientProperties();
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "squash-influx-" + ProcessHandle.current().pid());
    config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(batchLines));
    // Offsets are committed here, after the sink's acknowledgement, never by a timer.
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
  }

  @Override
  public String describe() {
    return address.toString();
  }

  @Override
  public void read(Receiver receiver) throws InterruptedException {
    try {
      consumer.subscribe(List.of(address.topic()), new Rebalance());
      while (!Thread.currentThread().isInterrupted()) {
        ConsumerRecords<String, String> polled = consumer.poll(POLL);
        for (ConsumerRecord<String, String> record : polled) {
          receiver.accept(item(record));
        }
        commit();
        if (!follow && polled.isEmpty() && caughtUp()) {
          return;
        }
      }
    } catch (InterruptException stopped) {
      throw new InterruptedException("the reading of " + address + " was stopped");
    }
  }

  /** Records read, those of them committed, and the partitions they came from. */
  public long records() {
    return records;
  }

  public long committed() {
    return offsets.committedRecords();
  }

  public Set<Integer> partitionsRead() {
    return partitionsRead;
  }

  private Item item(ConsumerRecord<String, String> record) {
    records++;
    partitionsRead.add(record.partition());
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    String label = record.topic() + "/" + record.partition() + "@" + record.offset();
    long millis = record.timestamp() >= 0 ? record.timestamp() : clock.millis();
    List<Point> points = new ArrayList<>(1);
    for (String line : RecordLines.of(record.value())) {
      points.add(Point.ofLine(label, LineText.withTime(line, TimeUnit.MILLISECONDS.toNanos(millis))));
    }
    if (points.isEmpty()) {
      rejections.rejected(label, "", "empty record: no line protocol in it");
    }
    offsets.read(partition, record.offset());
    return new Item.OfPoints(label, points, new RecordAck(partition, record.offset()),
        record.offset());
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

  /** Commits what was acknowledged: the only place offsets are committed. */
  private void commit() {
    Map<TopicPartition, OffsetAndMetadata> next = offsets.committable();
    if (next.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(next);
      offsets.committed(next);
    } catch (InterruptException stopped) {
      // Committed by close, on a thread that is not interrupted.
    } catch (CommitFailedException | RebalanceInProgressException e) {
      // The partitions moved on meanwhile: their new owner reads from the last commit again,
      // and what it writes twice overwrites itself.
    }
  }

  /** Commits what the pipeline acknowledged after the reading ended, then leaves the group. */
  @Override
  public void close() {
    closing = true;
    try {
      commit();
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  /** An item's acknowledgement: synced, refused or failed, its offset may be committed. */
  private final class RecordAck implements Ack {
    private final TopicPartition partition;
    private final long offset;

    RecordAck(TopicPartition partition, long offset) {
      this.partition = partition;
      this.offset = offset;
    }

    @Override
    public void synced() {
      offsets.acked(partition, offset);
    }

    @Override
    public void refused(String reason) {
      offsets.acked(partition, offset);
    }

    @Override
    public void failed(String reason) {
      offsets.acked(partition, offset);
    }
  }

  /** Gives up partitions only after what was read from them is written and committed. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      try {
        if (!closing) {
          offsets.awaitAcked(partitions);
        }
      } catch (InterruptedException e) {
        // A stop or a failure: what was not acknowledged stays uncommitted.
        Thread.currentThread().interrupt();
      } finally {
        commit();
        offsets.forget(partitions);
      }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      assigned = true;
    }
  }
}
