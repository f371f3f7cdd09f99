package io.squashinflux.cli;

import io.squashinflux.mapping.ModelChoice;
import io.squashinflux.sync.Signals;
import io.squashinflux.failure.UserError;
import io.squashinflux.files.Writable;
import io.squashinflux.ledger.Summary;
import io.squashinflux.notify.ReportAndTell;
import io.squashinflux.notify.WatchReport;
import io.squashinflux.sync.StopRequest;
import io.squashinflux.sync.SyncRun;
import io.squashinflux.sync.TopicRun;
import io.squashinflux.sync.WatchCycles;
import io.squashinflux.sync.WatchLoop;
import io.squashinflux.influx.InfluxTarget;
import io.squashinflux.series.ReadModel;
import io.squashinflux.specs.Specs;
import java.nio.file.Path;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code watch}: {@code sync} again and again, until SIGTERM or SIGINT. */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    description = {
      "Sync again and again, every --interval, until stopped: new SQuaSH jobs reach",
      "InfluxDB within one interval. Each cycle fetches only new and failed jobs and",
      "logs one line. After failed cycles in a row the pause doubles, up to",
      "--max-backoff. SIGTERM or SIGINT finishes the batch in flight, saves the state",
      "and exits 0. With --from kafka:// one cycle runs until stopped, or until InfluxDB",
      "stays down past --retry-time: the next starts from the last committed offsets."
    },
    footer = {
      "",
      "Example:",
      "  squash-influx watch --squash-url https://squash-restful-api.lsst.codes --db squash --interval 10m",
      "",
      "Exit codes: 0 stopped by a signal, 1 unexpected error, 2 usage or configuration."
    })
final class WatchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SourceOptions source;
  @Mixin ConfigOptions config;

  @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "5m",
      converter = DurationConverter.class,
      description = "Pause between the end of a cycle and the next (default: ${DEFAULT-VALUE}).")
  Duration interval;

  @Option(names = "--max-backoff", paramLabel = "DURATION", defaultValue = "1h",
      converter = DurationConverter.class,
      description = "Longest pause after failed cycles in a row (default: ${DEFAULT-VALUE}).")
  Duration maxBackoff;

  @Mixin ModelOptions model;
  @Mixin InfluxOptions influx;
  @Mixin OutputOptions output;
  @Mixin RetryOptions retry;
  @Mixin StateOptions state;
  @Mixin ReportOptions report;

  @Option(names = "--report", paramLabel = "FILE",
      description = "Write the trend report (as 'report -o FILE' does) after each cycle that"
          + " synced new jobs, replacing the file whole; with --notify and --annotate, tell of"
          + " what the new jobs brought in that same cycle.")
  Path reportPage;

  @Option(names = "--specs", paramLabel = "URL|FILE|DIR",
      description = "For --report: spec levels, units and definitions, as for 'report' (default:"
          + " the --squash-url's GET /specs).")
  String specs;

  @Mixin DetectionOptions detection;
  @Mixin NotifyOptions notify;

  /** Requested by SIGTERM and SIGINT; tests running in-process request it directly. */
  final StopRequest stop = new StopRequest();

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    WatchLoop loop = new WatchLoop(interval, maxBackoff, Clock.systemUTC(), stop::await, stop,
        err, report.quiet);
    if (reportPage != null && source.fromKafka()) {
      throw new UserError("--report needs cycles that end: not with --from kafka://, whose one"
          + " cycle follows the topic until stopped");
    }
    if (reportPage != null) {
      Writable.check("--report", reportPage, false); // else found only after the first sync
    }
    // Installed first, so a signal during start-up is not lost: the first cycle then stops at once.
    try (Signals signals = Signals.stopOn(stop)) {
      if (source.fromKafka()) {
        // One long cycle: a consumer waits for records itself, so the interval is only the pause
        // after InfluxDB stayed down past --retry-time; the next consumer starts from the last
        // commit. SIGTERM ends it after the batch in hand is written and committed.
        TopicRun run = SyncRuns.topic(source, influx, output, retry, report);
        stop.onRequest(run::stop);
        loop.run(() -> run.run(true, err), this::printJson);
        return Main.OK;
      }
      WatchReport afterwards = reportPage == null ? null
          : new WatchReport(reportRun(), reportPage, err);
      try (SyncRun run = SyncRuns.open(source, model, influx, output, retry, state, report)) {
        stop.onRequest(run::stop);
        loop.run(new WatchCycles(run, state.full, state.retryRejected, err, report.quiet,
            afterwards == null ? cycle -> { } : afterwards::after), this::printJson);
        return Main.OK;
      }
    }
  }

  /** The report of {@code --report}: the database this watch writes, read back. */
  private ReportAndTell reportRun() {
    InfluxTarget target = influx.readTarget();
    Specs levels = SpecsOptions.load(specs, SpecsOptions.httpUrl("--squash-url", source.squashUrl),
        target.http());
    return notify.reportAndTell(target, ReadModel.of(ModelChoice.mapping(model.mapping)), levels,
        detection, Clock.systemUTC());
  }

  private void printJson(Summary summary) {
    if (report.json) {
      spec.commandLine().getOut().println(summary.toJson());
      spec.commandLine().getOut().flush();
    }
  }
}
