package io.squashinflux.cli;

import io.squashinflux.influx.InfluxTarget;
import io.squashinflux.sink.Sink;
import io.squashinflux.mapping.Mapping;
import io.squashinflux.retry.Retrier;
import io.squashinflux.source.JobSource;
import io.squashinflux.state.StateException;
import io.squashinflux.sync.StatePlace;
import io.squashinflux.sync.SyncRun;
import io.squashinflux.sync.TopicRun;

/**
 * Builds the {@link SyncRun} (or, from a Kafka topic, the {@link TopicRun}) that {@code sync} and
 * {@code watch} drive, from their options.
 */
final class SyncRuns {
  private SyncRuns() {}

  static SyncRun open(SourceOptions sourceOptions, ModelOptions model, InfluxOptions influx,
      OutputOptions output, RetryOptions retry, StateOptions state, ReportOptions report)
      throws StateException {
    state.checkWritable(report.rejects);
    Retrier retrier = retry.retrier();
    InfluxTarget target = influx.target(sourceOptions.http());
    Mapping mapping = model.load();
    // Packages are read only when the model writes them: they are most of a job's meta.
    JobSource source = sourceOptions.open(retrier, influx.caCert, mapping.packages());
    Sink sink = output.destination().open(target, retrier);
    StatePlace place = new StatePlace(identity -> state.path(identity, target.database()),
        report::rejects, state.noState);
    return new SyncRun(source, sink, target, mapping, model.fingerprint(), place);
  }

  /** A consumer of {@code --from kafka://}'s topic, each run writing through a new sink. */
  static TopicRun topic(SourceOptions source, InfluxOptions influx, OutputOptions output,
      RetryOptions retry, ReportOptions report) {
    InfluxTarget target = influx.target(source.http());
    return new TopicRun(output.destination().kafka(source.kafkaFrom()), source.group,
        () -> output.destination().open(target, retry.retrier()), report.rejects, target, report.quiet);
  }
}
