package io.squashinflux.cli;

import io.squashinflux.delivery.DeliveryException;
import io.squashinflux.delivery.InfluxTarget;
import io.squashinflux.delivery.LineSink;
import io.squashinflux.report.Ledger;
import io.squashinflux.report.RejectsLog;
import io.squashinflux.report.Summary;
import io.squashinflux.sink.kafka.KafkaAddress;
import io.squashinflux.source.kafka.TopicSync;
import java.io.PrintWriter;
import java.time.Clock;

/**
 * {@code sync --from kafka://} and {@code watch --from kafka://}: one consumer of the group,
 * writing the topic's line protocol records into the target. The offsets in Kafka are the
 * checkpoint, so no state file is used.
 */
final class TopicRun {
  private final SourceOptions source;
  private final InfluxOptions influx;
  private final OutputOptions output;
  private final RetryOptions retry;
  private final ReportOptions report;
  private volatile TopicSync current;
  private volatile boolean stopped;
  private Ledger ledger;

  TopicRun(SourceOptions source, InfluxOptions influx, OutputOptions output, RetryOptions retry,
      ReportOptions report) {
    this.source = source;
    this.influx = influx;
    this.output = output;
    this.retry = retry;
    this.report = report;
  }

  /**
   * Consumes until caught up, or with {@code follow} until {@link #stop}; returns the summary.
   * Each call is a new consumer of the group, reading from the last commit: after a failed run,
   * another call picks up what that one did not commit.
   */
  Summary run(boolean follow, PrintWriter err) throws DeliveryException, InterruptedException {
    KafkaAddress address = output.kafka(source.kafkaFrom());
    InfluxTarget target = influx.target(source.http());
    try (RejectsLog rejects = new RejectsLog(report.rejects, Clock.systemUTC());
        LineSink sink = output.open(target, retry.retrier())) {
      ledger = new Ledger(rejects);
      sink.prepare();
      TopicSync sync = new TopicSync(address, source.group, sink, ledger, influx.batchLines, follow);
      current = sync;
      if (stopped) {
        sync.stop();
      }
      try {
        sync.run();
      } finally {
        rejects.flush();
        if (!report.quiet) {
          err.println("kafka: " + sync.records() + " records read from " + address + " (group "
              + source.group + "), " + sync.committed() + " committed, partitions "
              + sync.partitionsRead());
          err.flush();
        }
      }
      return ledger.summary();
    }
  }

  /** The last run's summary as far as it got (a failed run's too); null before the first run. */
  Summary lastSummary() {
    return ledger == null ? null : ledger.summary();
  }

  /** Ends the run after the batch in hand is written and committed. */
  void stop() {
    stopped = true;
    TopicSync sync = current;
    if (sync != null) {
      sync.stop();
    }
  }
}
