package io.squashinflux.cli;

import io.squashinflux.ledger.Summary;
import io.squashinflux.mapping.Mapping;
import io.squashinflux.source.JobSource;
import io.squashinflux.sync.Conversion;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code convert}: jobs to line protocol on stdout or a file, without InfluxDB. */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    description = {
      "Convert SQuaSH jobs to InfluxDB line protocol, without InfluxDB.",
      "Jobs come out in the order they are listed, on stdout or in -o FILE. --stats shows each tag's number of distinct"
          + " values and warns about tags that would make too many series."
    },
    footer = {
      "",
      "Examples:",
      "  squash-influx convert --from job.verify.json",
      "  squash-influx convert --squash-url http://localhost:5000 --mapping squash -o squash.lp",
      "  squash-influx convert --from jobs/ --stats",
      "  squash-influx convert --from jobs/ --mapping squash --check-types --influx-url URL --db squash",
      "",
      "Exit codes: 0 all converted; 1 some jobs or values not converted (all reported);",
      "2 usage or configuration error."
    })
final class ConvertCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SourceOptions source;
  @Mixin ConfigOptions config;

  @Mixin ModelOptions model;
  @Mixin RetryOptions retry;
  @Mixin TypeCheckOptions typeCheck;
  @Mixin InfluxConnection influx;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write the line protocol here instead of stdout.")
  Path output;

  @Option(names = "--stats", description = "Print tag cardinality per measurement (no line protocol).")
  boolean stats;

  @Option(names = "--ca-cert", paramLabel = "FILE", description = "PEM certificate of a CA to trust for an https SQuaSH URL, in addition to the JDK's CAs (as --squash-ca-cert).")
  Path caCert;

  @Option(names = "--rejects", paramLabel = "FILE",
      description = "Also write every dropped or changed value, with its reason, to this JSON-lines file.")
  Path rejects;

  @Option(names = {"--quiet", "-q"}, description = "No summary on stderr.")
  boolean quiet;

  @Option(names = "--json", description = "Print the summary as JSON on stderr.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Mapping mapping = model.load();
    if (!typeCheck.passes(mapping, influx.checkTarget(caCert, source.http()), spec.commandLine().getErr())) {
      return Summary.CONFIGURATION;
    }
    Summary summary;
    try (JobSource jobs = source.open(retry.retrier(), caCert, mapping.packages())) {
      summary = Conversion.run(jobs, mapping, output, stats, rejects, spec.commandLine().getOut(),
          Clock.systemUTC());
    }
    if (!quiet) {
      spec.commandLine().getErr().print(json ? summary.toJson() + System.lineSeparator() : summary.render());
      spec.commandLine().getErr().flush();
    }
    return summary.exitCode();
  }
}
