package io.squashinflux.sync;

import io.squashinflux.influx.InfluxTarget;
import io.squashinflux.ledger.Ledger;
import io.squashinflux.ledger.RejectsLog;
import io.squashinflux.ledger.Summary;
import io.squashinflux.pipeline.Pipeline;
import io.squashinflux.pipeline.Progress;
import io.squashinflux.sink.DeliveryException;
import io.squashinflux.sink.Sink;
import io.squashinflux.sink.kafka.KafkaAddress;
import io.squashinflux.source.SourceException;
import io.squashinflux.source.kafka.TopicSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * {@code sync --from kafka://} and {@code watch --from kafka://}: one consumer of the group, its
 * records carried by the one {@link Pipeline} into the sink. The offsets in Kafka are the
 * checkpoint, so no state file is used.
 */
public final class TopicRun {
  private final KafkaAddress address;
  private final String group;
  private final Supplier<Sink> sinks;
  private final Path rejectsFile;
  private final InfluxTarget batches;
  private final boolean quiet;
  private volatile Pipeline current;
  private volatile boolean stopped;
  private Ledger ledger;

  /**
   * Reads {@code address} as a consumer of {@code group}, each run into a sink {@code sinks}
   * opens, in batches as {@code batches} says; values not written go to {@code rejectsFile}.
   */
  public TopicRun(KafkaAddress address, String group, Supplier<Sink> sinks, Path rejectsFile,
      InfluxTarget batches, boolean quiet) {
    this.address = address;
    this.group = group;
    this.sinks = sinks;
    this.rejectsFile = rejectsFile;
    this.batches = batches;
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
        Sink sink = sinks.get()) {
      ledger = new Ledger(rejects);
      sink.open();
      TopicSource source = new TopicSource(address, group, batches.batchLines(), follow,
          ledger::rejected, Clock.systemUTC());
      Pipeline pipeline = Pipeline.ofPoints(source, sink, ledger, Progress.NONE,
          batches.batchLines(), batches.batchBytes(), System::nanoTime);
      current = pipeline;
      if (stopped) {
        pipeline.stop();
      }
      try {
        pipeline.run();
      } catch (SourceException e) {
        throw new IllegalStateException("a topic has no listing to fail", e);
      } finally {
        try {
          source.close();
        } finally {
          rejects.flush();
          if (!quiet) {
            err.println("kafka: " + source.records() + " records read from " + address
                + " (group " + group + "), " + source.committed() + " committed, partitions "
                + source.partitionsRead());
            err.flush();
          }
        }
      }
      return ledger.summary();
    }
  }

  /** The last run's summary as far as it got (a failed run's too); null before the first run. */
  public Summary lastSummary() {
    return ledger == null ? null : ledger.summary();
  }

  /** Ends the run once what was read is written and committed. */
  public void stop() {
    stopped = true;
    Pipeline pipeline = current;
    if (pipeline != null) {
      pipeline.stop();
    }
  }
}
