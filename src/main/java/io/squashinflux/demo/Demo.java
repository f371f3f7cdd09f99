package io.squashinflux.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.squashinflux.detect.DetectorSettings;
import io.squashinflux.failure.Failure;
import io.squashinflux.failure.UserError;
import io.squashinflux.files.Writable;
import io.squashinflux.influx.ApiSettings;
import io.squashinflux.influx.InfluxQuery;
import io.squashinflux.influx.InfluxTarget;
import io.squashinflux.influx.InfluxWriter;
import io.squashinflux.influx.Secret;
import io.squashinflux.ledger.Summary;
import io.squashinflux.ledger.SummaryOutput;
import io.squashinflux.mapping.Mapping;
import io.squashinflux.net.HttpSettings;
import io.squashinflux.net.Loopback;
import io.squashinflux.net.Proxies;
import io.squashinflux.report.ReportRun;
import io.squashinflux.retry.Backoff;
import io.squashinflux.retry.Retrier;
import io.squashinflux.series.ReadModel;
import io.squashinflux.source.ApiJobSource;
import io.squashinflux.source.ApiOptions;
import io.squashinflux.specs.Specs;
import io.squashinflux.sync.ProgressDisplay;
import io.squashinflux.sync.StatePlace;
import io.squashinflux.sync.SyncRun;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code demo} after its options: a private influxd (unless given one), sample jobs behind a local
 * SQuaSH API, the sync into InfluxDB, queries with their results, and the trend report, each run
 * as its command runs it, with the equivalent command printed so a user can run it by hand.
 * Everything started is stopped and deleted at the end, on SIGINT/SIGTERM too, unless kept.
 *
 * @param influxUrl a running InfluxDB to use, or null to start a private influxd
 * @param keep leave what was started running, to explore the data and run the commands later
 */
public record Demo(int jobs, long seed, URI influxUrl, String database, String mapping,
    Path report, boolean keep) {

  /** The settings of every sync: the command's defaults, with a shorter retry time. */
  private static final Duration RETRY_TIME = Duration.ofMinutes(1);
  private static final int PARALLEL = 8;

  /**
   * Runs the demo; returns the exit code of the first step that failed, or 0. What it cannot do
   * (another model, no influxd, a report it could not write) stops it before it starts anything.
   */
  public int run(PrintWriter out, PrintWriter err) throws Exception {
    if (!mapping.equals("notebook") && !mapping.equals("squash")) {
      throw new UserError("--mapping " + mapping + ": the demo shows 'notebook' or 'squash'");
    }
    Writable.check("--report", report, false);
    if (influxUrl == null && PrivateInflux.findInfluxd().isEmpty()) {
      throw new UserError("influxd (InfluxDB 1.x) is not installed: install it with"
          + " 'sudo apt-get install influxdb' (./squash-influx demo does it through"
          + " scripts/ensure-deps), or give --influx-url of a running InfluxDB 1.x");
    }
    try (Started started = new Started()) {
      Thread hook = new Thread(started::close, "demo-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        return run(out, err, started);
      } finally {
        Started.removeHook(hook);
      }
    }
  }

  private int run(PrintWriter out, PrintWriter err, Started started) throws Exception {
    PrivateInflux influxd = influxUrl == null ? started.influx(startInflux(out)) : null;
    URI influx = influxd == null ? influxUrl : URI.create(influxd.url());
    Path work = influxd != null ? influxd.directory()
        : started.folder(Files.createTempDirectory("squash-influx-demo-"));
    JobGenerator generator = generator();
    Regression regression = generator.regression().orElseThrow();
    SquashApiServer api = started.api(SquashApiServer.start(generator, 0));
    out.printf("SQuaSH API:  %s serves %d generated jobs: %s to %s, 3 datasets, 3 to 5 filters,"
        + " some null values;%n             %s on %s is x%s from %s.%n", api.url(), jobs,
        generator.settings().start().toString().substring(0, 10),
        generator.settings().end().toString().substring(0, 10),
        regression.metric(), regression.dataset(), regression.factor(), regression.at());
    Path rejects = work.resolve("rejects.jsonl");
    out.println("Syncing:     " + command() + " sync --squash-url " + api.url() + " --influx-url "
        + influx + " --db " + database + " --mapping " + mapping + " --packages --no-state"
        + " --rejects " + rejects + " --retry-time 1m");
    out.flush();
    int code = step(() -> sync(api.url(), target(influx, http()), work, rejects, err), err);
    if (code == Summary.CONFIGURATION) {
      return code;
    }
    out.println();
    out.println("The data is in InfluxDB at " + influx + ", database \"" + database + "\"; the"
        + " values the sync dropped (the nulls) are listed in " + rejects
        + (keep ? "" : " (deleted on exit)") + ".");
    new DemoQueries(new InfluxQuery(target(influx, http())))
        .print(DemoQueries.queries(mapping, regression), out);
    int reported = step(() -> report(influx, work, out), err);
    if (reported != Summary.OK) {
      return reported;
    }
    explore(out, influx);
    if (keep && influxd != null) {
      influxd.keep();
      out.printf("%ninfluxd keeps running (PID %d, data in %s). Stop it and delete its data with:%n"
          + "  kill %d && rm -rf %s%n", influxd.pid(), influxd.directory(), influxd.pid(),
          influxd.directory());
    } else if (keep) {
      started.keepFolder();
    } else if (influxd != null) {
      out.printf("%nStopping the private influxd (PID %d) and deleting %s; run with --keep to"
          + " explore the data afterwards.%n", influxd.pid(), influxd.directory());
    }
    out.flush();
    return code;
  }

  private static PrivateInflux startInflux(PrintWriter out) {
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
    int port = influx.getPort() != -1 ? influx.getPort()
        : influx.getScheme().equals("https") ? 443 : 80;
    out.println();
    out.println("Explore it:");
    out.printf("  influx shell:  influx -host %s -port %d%s -database %s%n", influx.getHost(), port,
        influx.getScheme().equals("https") ? " -ssl" : "", database);
    out.printf("  Chronograf:    add an InfluxDB connection with URL %s, then Explore database %s%n",
        influx, database);
    out.printf("  Grafana:       an InfluxDB data source (query language InfluxQL), URL %s,"
        + " database %s%n", influx, database);
  }

  /** A step that may fail: as the command line would, its failure is one line and a code. */
  private interface Step {
    int run() throws Exception;
  }

  private static int step(Step step, PrintWriter err) throws Exception {
    try {
      return step.run();
    } catch (Exception e) {
      if (!(e instanceof Failure failure)) {
        throw e;
      }
      err.println("squash-influx: " + failure.getMessage() + failure.hint());
      err.flush();
      return failure.configuration() ? Summary.CONFIGURATION : Summary.INCOMPLETE;
    }
  }

  /** The sync as {@code sync} runs it with the printed options, its summary on {@code err}. */
  private int sync(URI api, InfluxTarget target, Path work, Path rejects, PrintWriter err)
      throws Exception {
    Backoff backoff = Backoff.DEFAULT;
    Retrier retrier = Retrier.system(new Backoff(backoff.base(), backoff.max(),
        backoff.maxAttempts(), RETRY_TIME));
    ApiOptions source = new ApiOptions(api, PARALLEL, Duration.ofSeconds(10),
        Duration.ofSeconds(60), retrier, http());
    StatePlace noState = new StatePlace(identity -> work.resolve("state.json"), state -> rejects,
        true);
    try (SyncRun run = new SyncRun(new ApiJobSource(source, true),
        new InfluxWriter(target, retrier), target, Mapping.builtIn(mapping).withPackages(true),
        mapping, noState)) {
      run.prepare();
      Summary summary = run.cycle(false, false, ProgressDisplay.forConsole(err, false));
      new SummaryOutput(err, err, false, false).summary(summary, run.target(), run.api());
      return summary.exitCode();
    }
  }

  /** The report as {@code report} runs it, with the sample API's specs saved next to the data. */
  private int report(URI influx, Path work, PrintWriter out) throws Exception {
    Path specs = work.resolve("specs.json");
    new ObjectMapper().writeValue(specs.toFile(), JobGenerator.specs());
    String command = command() + " report --influx-url " + influx + " --db " + database
        + " --mapping " + mapping + " --specs " + specs + " -o " + report;
    out.println();
    out.println("Trend report: " + command);
    out.flush();
    InfluxTarget reading = target(influx, HttpSettings.defaults()
        .withTimeouts(Duration.ofSeconds(30), Duration.ofMinutes(10)));
    new ReportRun(reading, ReadModel.of(Mapping.builtIn(mapping)),
        Specs.load(specs.toString(), reading.http()), DetectorSettings.DEFAULT, 2000, List.of(),
        Long.MIN_VALUE, report, null).run(out);
    out.println("Open it in a browser: " + report.toAbsolutePath().toUri());
    if (keep) {
      out.println("Run the report again (influxd and " + specs + " are kept):");
      out.println("  " + command);
    }
    out.flush();
    return Summary.OK;
  }

  /** InfluxDB as {@code sync} and {@code report} reach it with their defaults and this URL. */
  private InfluxTarget target(URI influx, HttpSettings http) {
    String user = System.getenv("INFLUX_USERNAME");
    return new InfluxTarget(influx, database, null, user == null || user.isBlank() ? null : user,
        Secret.of(System.getenv("INFLUX_PASSWORD")), true, !Loopback.is(influx.getHost()),
        InfluxTarget.DEFAULT_BATCH_LINES, InfluxTarget.DEFAULT_BATCH_BYTES,
        Duration.ofSeconds(30), http, new ApiSettings(null, null, null, null, false));
  }

  private static HttpSettings http() {
    return HttpSettings.defaults().withProxies(Proxies.fromEnvironment());
  }

  /** How the user runs this program: the launcher script's path as started, else its name. */
  static String command() {
    return System.getProperty("squash.influx.command", "squash-influx");
  }
}
