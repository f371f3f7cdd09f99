package io.squashinflux.cli;

import io.squashinflux.demo.Demo;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: a private influxd, generated jobs behind a local SQuaSH API, the real {@code sync}
 * between them, then queries with their results; everything started is stopped unless --keep.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    description = {
      "See SQuaSH metrics land in InfluxDB, with no SQuaSH or InfluxDB of your own.",
      "Starts a private influxd on a free loopback port (unless --influx-url), serves generated sample jobs through"
          + " a local SQuaSH API, runs the real sync with its progress display, then prints where"
          + " the data is, a few InfluxQL queries with their results, and how to explore it.",
      "Everything it started is stopped and deleted on exit, unless --keep."
    },
    footer = {
      "",
      "Examples:",
      "  squash-influx demo",
      "  squash-influx demo --jobs 1000 --mapping squash --keep",
      "  squash-influx demo --influx-url http://localhost:8086 --db squash-demo"
    })
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--jobs", paramLabel = "N", defaultValue = "300",
      description = "Sample jobs, spread over one year (default: ${DEFAULT-VALUE}).")
  int jobs;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
      description = "Random seed: the same seed gives the same jobs (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--influx-url", paramLabel = "URL",
      description = "Use this running InfluxDB 1.x instead of starting a private influxd"
          + " (credentials from INFLUX_USERNAME and INFLUX_PASSWORD) (default: none).")
  URI influxUrl;

  @Option(names = "--db", paramLabel = "NAME", defaultValue = "squash-demo",
      description = "Database to write to (default: ${DEFAULT-VALUE}).")
  String database;

  @Option(names = "--mapping", paramLabel = "NAME", defaultValue = "notebook",
      description = "Data model: notebook or squash (default: ${DEFAULT-VALUE}).")
  String mapping;

  @Option(names = "--report", paramLabel = "FILE", defaultValue = "squash-report.html",
      description = "Where to write the trend report that ends the demo (default: ${DEFAULT-VALUE},"
          + " in the folder it is run from).")
  Path report;

  @Option(names = "--keep",
      description = "Leave the private influxd running with its data, to explore it afterwards.")
  boolean keep;

  @Override
  public Integer call() throws Exception {
    return new Demo(jobs, seed, influxUrl, database, mapping, report, keep)
        .run(spec.commandLine().getOut(), spec.commandLine().getErr());
  }
}
