package io.squashinflux.sync;

import io.squashinflux.sink.DeliveryException;
import io.squashinflux.sink.LineSink;
import io.squashinflux.ledger.Ledger;
import io.squashinflux.ledger.RejectsLog;
import io.squashinflux.ledger.Summary;
import io.squashinflux.sink.kafka.KafkaAddress;
import io.squashinflux.source.kafka.TopicSync;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * {@code sync --from kafka://} and {@code watch --from kafka://}: one consumer of the group,
 * writing the topic's line protocol records into the target. The offsets in Kafka are the
 * checkpoint, so no state file is used.
 */
public final class TopicRun {
  private final KafkaAddress address;
  private final String group;
  private final Supplier<LineSink> sinks;
  private final Path rejectsFile;
  private final int batchLines;
  private final boolean quiet;
  private volatile TopicSync current;
  private volatile boolean stopped;
  private Ledger ledger;

  /**
   * Reads {@code address} as a consumer of {@code group}, each run into a sink {@code sinks}
   * opens, {@code batchLines} lines a write; values not written go to {@code rejectsFile}.
   */
  public TopicRun(KafkaAddress address, String group, Supplier<LineSink> sinks, Path rejectsFile,
      int batchLines, boolean quiet) {
    this.address = address;
    this.group = group;
    this.sinks = sinks;
    this.rejectsFile = rejectsFile;
    this.batchLines = batchLines;
    this.quiet = quiet;
  }

  /**
   * Consumes until caught up, or with {@code follow} until {@link #stop}; returns the summary.
   * Each call is a new consumer of the group, reading from the last commit: after a failed run,
   * another call picks up what that one did not commit.
   */
  public Summary run(boolean follow, PrintWriter err)
      throws DeliveryException, InterruptedException {
    try (RejectsLog rejects = new RejectsLog(rejectsFile, Clock.systemUTC());
        LineSink sink = sinks.get()) {
      ledger = new Ledger(rejects);
      sink.prepare();
      TopicSync sync = new TopicSync(address, group, sink, ledger, batchLines, follow);
      current = sync;
      if (stopped) {
        sync.stop();
      }
      try {
        sync.run();
      } finally {
        rejects.flush();
        if (!quiet) {
          err.println("kafka: " + sync.records() + " records read from " + address + " (group "
              + group + "), " + sync.committed() + " committed, partitions "
              + sync.partitionsRead());
          err.flush();
        }
      }
      return ledger.summary();
    }
  }

  /** The last run's summary as far as it got (a failed run's too); null before the first run. */
  public Summary lastSummary() {
    return ledger == null ? null : ledger.summary();
  }

  /** Ends the run after the batch in hand is written and committed. */
  public void stop() {
    stopped = true;
    TopicSync sync = current;
    if (sync != null) {
      sync.stop();
    }
  }
}
