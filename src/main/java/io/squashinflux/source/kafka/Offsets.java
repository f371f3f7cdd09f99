package io.squashinflux.source.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The records read from each partition and which of them the pipeline acknowledged: a partition
 * may be committed up to its first record not acknowledged yet, never past it, whatever order the
 * acknowledgements come in. Thread-safe: the consumer's thread reads and commits, the pipeline's
 * sender acknowledges.
 */
final class Offsets {
  private final Map<TopicPartition, NavigableSet<Long>> pending = new HashMap<>();
  private final Map<TopicPartition, NavigableSet<Long>> acked = new HashMap<>();
  private final Map<TopicPartition, Long> next = new HashMap<>();
  private final Map<TopicPartition, Long> committed = new HashMap<>();
  private long committedRecords;

  synchronized void read(TopicPartition partition, long offset) {
    pending.computeIfAbsent(partition, p -> new TreeSet<>()).add(offset);
    next.put(partition, offset + 1);
    committed.putIfAbsent(partition, offset); // where the reading started: committed already
  }

  synchronized void acked(TopicPartition partition, long offset) {
    NavigableSet<Long> waiting = pending.get(partition);
    if (waiting != null && waiting.remove(offset)) {
      acked.computeIfAbsent(partition, p -> new TreeSet<>()).add(offset);
      notifyAll();
    }
  }

  /** Per partition, the offset after its acknowledged records, where it moved since the last commit. */
  synchronized Map<TopicPartition, OffsetAndMetadata> committable() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    next.forEach((partition, after) -> {
      NavigableSet<Long> waiting = pending.get(partition);
      long upTo = waiting == null || waiting.isEmpty() ? after : waiting.first();
      if (upTo > committed.get(partition)) {
        offsets.put(partition, new OffsetAndMetadata(upTo));
      }
    });
    return offsets;
  }

  /** Kafka took these commits. */
  synchronized void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
    offsets.forEach((partition, offset) -> {
      committed.put(partition, offset.offset());
      NavigableSet<Long> done = acked.get(partition);
      if (done != null) {
        NavigableSet<Long> below = done.headSet(offset.offset(), false);
        committedRecords += below.size();
        below.clear();
      }
    });
  }

  /** Waits until every record read from these partitions is acknowledged. */
  synchronized void awaitAcked(Collection<TopicPartition> partitions) throws InterruptedException {
    for (TopicPartition partition : partitions) {
      while (!pending.getOrDefault(partition, new TreeSet<>()).isEmpty()) {
        wait();
      }
    }
  }

  /** Partitions given up: their new owner reads them again from the last commit. */
  synchronized void forget(Collection<TopicPartition> partitions) {
    partitions.forEach(partition -> {
      pending.remove(partition);
      acked.remove(partition);
      next.remove(partition);
      committed.remove(partition);
    });
  }

  synchronized long committedRecords() {
    return committedRecords;
  }
}
