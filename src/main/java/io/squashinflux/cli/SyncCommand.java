package io.squashinflux.cli;

import io.squashinflux.ledger.Summary;
import io.squashinflux.sync.ProgressDisplay;
import io.squashinflux.sync.SyncRun;
import io.squashinflux.sync.TopicRun;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sync}: one pass from SQuaSH or job files into InfluxDB. */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    description = {
      "Write SQuaSH verification jobs into InfluxDB, only those not synced yet.",
      "A job counts as synced once InfluxDB acknowledged every point of it; every value that could not be"
          + " written is in the summary and the rejects file."
    },
    footer = {
      "",
      "Examples:",
      "  squash-influx sync --squash-url https://squash-restful-api.lsst.codes --db squash",
      "  INFLUX_PASSWORD=... squash-influx sync --from jobs/ \\",
      "      --influx-url https://influx:8086 -u writer",
      "  squash-influx sync --config /etc/squash-influx.properties",
      "  squash-influx sync --squash-url URL --to kafka://broker:9092/squash",
      "  squash-influx sync --from kafka://broker:9092/squash --group writers --db squash",
      "  SASQUATCH_TOKEN=... squash-influx sync --squash-url URL \\",
      "      --to sasquatch:https://host/sasquatch-rest-proxy --namespace lsst.verify",
      "",
      "Exit codes: 0 all written; 1 some jobs or values not written (all reported);",
      "2 usage or configuration error."
    })
final class SyncCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SourceOptions source;
  @Mixin ConfigOptions config;

  @Mixin ModelOptions model;
  @Mixin InfluxOptions influx;
  @Mixin OutputOptions output;
  @Mixin RetryOptions retry;
  @Mixin StateOptions state;
  @Mixin ReportOptions report;
  @Mixin TypeCheckOptions typeCheck;

  @Override
  public Integer call() throws Exception {
    if (source.fromKafka()) {
      TopicRun run = SyncRuns.topic(source, influx, output, retry, report);
      try {
        Summary summary = run.run(false, spec.commandLine().getErr());
        report.output(spec.commandLine()).summary(summary, null, null);
        return summary.exitCode();
      } catch (Exception e) {
        report.output(spec.commandLine()).failure(run.lastSummary(), Failures.message(e, false),
            Failures.code(e));
        throw e;
      }
    }
    if (!typeCheck.passes(model.load(), influx.target(source.http()), spec.commandLine().getErr())) {
      return Summary.CONFIGURATION;
    }
    try (SyncRun run = SyncRuns.open(source, model, influx, output, retry, state, report)) {
      try {
        run.prepare();
        Summary summary = run.cycle(state.full, state.retryRejected,
            ProgressDisplay.forConsole(spec.commandLine().getErr(), report.quiet));
        // The API line only for InfluxDB itself: --to kafka:// and sasquatch: have none.
        report.output(spec.commandLine()).summary(summary,
            run.api() == null ? null : run.target(), run.api());
        return summary.exitCode();
      } catch (Exception e) {
        report.output(spec.commandLine()).failure(run.lastSummary(), Failures.message(e, false),
            Failures.code(e));
        throw e;
      }
    }
  }
}
