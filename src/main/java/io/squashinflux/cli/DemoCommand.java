package io.squashinflux.cli;

import io.squashinflux.demo.GeneratorSettings;
import io.squashinflux.demo.JobGenerator;
import io.squashinflux.demo.PrivateInflux;
import io.squashinflux.demo.Regression;
import io.squashinflux.demo.SquashApiServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

  @Option(names = "--verbose", description = "Log each request and print stack traces of errors.")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    if (jobs < 12) {
      throw new UserError("--jobs must be at least 12 (a few CI runs on each side of the"
          + " regression), was " + jobs);
    }
    if (!mapping.equals("notebook") && !mapping.equals("squash")) {
      throw new UserError("--mapping " + mapping + ": the demo shows 'notebook' or 'squash'");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Started started = new Started()) {
      Thread hook = new Thread(started::close, "demo-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        return run(out, started);
      } finally {
        removeHook(hook);
      }
    }
  }

  private int run(PrintWriter out, Started started) throws Exception {
    PrivateInflux influxd = influxUrl == null ? started.influx(startInflux(out)) : null;
    URI influx = influxd == null ? influxUrl : URI.create(influxd.url());
    Path work = influxd != null ? influxd.directory() : started.folder(Files.createTempDirectory("squash-influx-demo-"));
    JobGenerator generator = generator();
    Regression regression = generator.regression().orElseThrow();
    SquashApiServer api = started.api(SquashApiServer.start(generator, 0));
    out.printf("SQuaSH API:  %s serves %d generated jobs: %s to %s, 3 datasets, 3 to 5 filters,"
        + " some null values;%n             %s on %s is x%s from %s.%n", api.url(), jobs,
        generator.settings().start().toString().substring(0, 10),
        generator.settings().end().toString().substring(0, 10),
        regression.metric(), regression.dataset(), regression.factor(), regression.at());
    List<String> args = new ArrayList<>(List.of("sync", "--squash-url", api.url().toString(),
        "--influx-url", influx.toString(), "--db", database, "--mapping", mapping, "--packages", "--no-state",
        "--rejects", work.resolve("rejects.jsonl").toString(), "--retry-time", "1m"));
    if (verbose) {
      args.add("--verbose");
    }
    out.println("Syncing:     " + DemoReport.command() + " " + String.join(" ", args));
    out.flush();
    String[] sync = args.toArray(String[]::new);
    int code = Main.commandLine(verbose, out, spec.commandLine().getErr(), sync).execute(sync);
    if (code == Main.CONFIGURATION) {
      return code;
    }
    out.println();
    out.println("The data is in InfluxDB at " + influx + ", database \"" + database + "\"; the"
        + " values the sync dropped (the nulls) are listed in " + work.resolve("rejects.jsonl")
        + (keep ? "" : " (deleted on exit)") + ".");
    new DemoQueries(influx, database).print(DemoQueries.queries(mapping, regression), out);
    int reported = new DemoReport(influx, database, mapping, report, work, verbose)
        .run(out, spec.commandLine().getErr(), keep);
    if (reported != Main.OK) {
      return reported;
    }
    explore(out, influx);
    if (keep && influxd != null) {
      influxd.keep();
      out.printf("%ninfluxd keeps running (PID %d, data in %s). Stop it and delete its data with:%n"
          + "  kill %d && rm -rf %s%n", influxd.pid(), influxd.directory(), influxd.pid(), influxd.directory());
    } else if (keep) {
      started.keepFolder();
    } else if (influxd != null) {
      out.printf("%nStopping the private influxd (PID %d) and deleting %s; run with --keep to"
          + " explore the data afterwards.%n", influxd.pid(), influxd.directory());
    }
    out.flush();
    return code;
  }

  private PrivateInflux startInflux(PrintWriter out) {
    if (PrivateInflux.findInfluxd().isEmpty()) {
      throw new UserError("influxd (InfluxDB 1.x) is not installed: install it with"
          + " 'sudo apt-get install influxdb' (./squash-influx demo does it through"
          + " scripts/ensure-deps), or give --influx-url of a running InfluxDB 1.x");
    }
    PrivateInflux influxd = PrivateInflux.builder().directoryPrefix("squash-influx-demo-").start();
    out.printf("InfluxDB:    %s, a private influxd (PID %d) with its data in %s%n",
        influxd.url(), influxd.pid(), influxd.directory());
    out.flush();
    return influxd;
  }

  /** Sample jobs with the regression at the first job of a CI run, so both models split cleanly. */
  JobGenerator generator() {
    GeneratorSettings settings = GeneratorSettings.of(seed, jobs).withUnknownShare(0.02);
    JobGenerator plain = new JobGenerator(settings);
    long runs = (jobs + plain.jobsPerRun() - 1) / plain.jobsPerRun();
    long firstOfMiddleRun = runs / 2 * plain.jobsPerRun() + 1;
    return new JobGenerator(settings.withRegression(
        Regression.DEFAULT.at(plain.dateCreated(firstOfMiddleRun))));
  }

  private void explore(PrintWriter out, URI influx) {
    int port = influx.getPort() != -1 ? influx.getPort() : influx.getScheme().equals("https") ? 443 : 80;
    out.println();
    out.println("Explore it:");
    out.printf("  influx shell:  influx -host %s -port %d%s -database %s%n", influx.getHost(), port,
        influx.getScheme().equals("https") ? " -ssl" : "", database);
    out.printf("  Chronograf:    add an InfluxDB connection with URL %s, then Explore database %s%n",
        influx, database);
    out.printf("  Grafana:       an InfluxDB data source (query language InfluxQL), URL %s,"
        + " database %s%n", influx, database);
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook runs already and stops what was started.
    }
  }

  /** What the demo started, stopped in reverse order once: on return or on SIGINT/SIGTERM. */
  private static final class Started implements AutoCloseable {
    private SquashApiServer api;
    private PrivateInflux influx;
    private Path folder;
    private boolean closed;

    synchronized PrivateInflux influx(PrivateInflux started) {
      this.influx = started;
      return started;
    }

    synchronized SquashApiServer api(SquashApiServer started) {
      this.api = started;
      return started;
    }

    synchronized Path folder(Path created) {
      this.folder = created;
      return created;
    }

    synchronized void keepFolder() {
      this.folder = null;
    }

    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      if (api != null) {
        api.close();
      }
      if (influx != null) {
        influx.close();
      }
      if (folder != null) {
        try (var files = Files.walk(folder)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
          // A leftover temporary folder is harmless.
        }
      }
    }
  }
}
