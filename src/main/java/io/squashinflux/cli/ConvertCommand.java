package io.squashinflux.cli;

import io.squashinflux.files.Writable;
import io.squashinflux.enrich.Enricher;
import io.squashinflux.pipeline.Pipeline;
import io.squashinflux.pipeline.Progress;
import io.squashinflux.sink.FileSink;
import io.squashinflux.source.Checkpoint;
import io.squashinflux.source.JobItems;
import io.squashinflux.source.SourceException;
import io.squashinflux.mapping.Cardinality;
import io.squashinflux.mapping.Mapper;
import io.squashinflux.mapping.Mapping;
import io.squashinflux.ledger.Ledger;
import io.squashinflux.ledger.RejectsLog;
import io.squashinflux.ledger.Summary;
import io.squashinflux.source.JobSource;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
  /** Points and bytes per write to the file: large, since a file answers at once. */
  private static final int BATCH_POINTS = 10_000;
  private static final long BATCH_BYTES = 1 << 20;

  @Spec CommandSpec spec;

  @Mixin SourceOptions source;
  @Mixin ConfigOptions config;

  @Mixin ModelOptions model;
  @Mixin RetryOptions retry;
  @Mixin TypeCheckOptions typeCheck;
  @Mixin CheckTargetOptions checkTarget;

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
    if (!typeCheck.passes(mapping, checkTarget.target(caCert, source.http()), spec.commandLine().getErr())) {
      return Summary.CONFIGURATION;
    }
    RejectsLog log = rejects == null ? RejectsLog.none() : new RejectsLog(rejects, Clock.systemUTC());
    Ledger ledger = new Ledger(log);
    Cardinality cardinality = stats ? new Cardinality(mapping) : null;
    try (JobSource jobs = source.open(retry.retrier(), caCert, mapping.packages());
        Writer out = stats ? Writer.nullWriter() : open()) {
      String name = output == null ? "stdout" : output.toString();
      convert(jobs, mapping, ledger,
          new FileSink(out, name, cardinality == null ? null : cardinality::add));
    } finally {
      log.close();
    }
    if (cardinality != null) {
      printStats(cardinality.report());
    }
    Summary summary = ledger.summary();
    if (!quiet) {
      spec.commandLine().getErr().print(json ? summary.toJson() + System.lineSeparator() : summary.render());
      spec.commandLine().getErr().flush();
    }
    return summary.exitCode();
  }

  private Writer open() throws IOException {
    if (output == null) {
      return new NonClosing(spec.commandLine().getOut());
    }
    Writable.check("-o", output, false);
    return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8), 1 << 16);
  }

  private void printStats(Cardinality.Report report) {
    var out = spec.commandLine().getOut();
    out.printf("%-24s %-28s %10s %8s%n", "measurement", "tag", "distinct", "jobs");
    for (Cardinality.TagCount tag : report.tags()) {
      out.printf("%-24s %-28s %10s %8d%n", tag.measurement(), tag.tag(),
          (tag.capped() ? ">" : "") + tag.distinct(), tag.jobs());
    }
    for (String warning : report.warnings()) {
      out.println("warning: " + warning);
    }
    out.flush();
  }

  /** Keeps stdout open when the writer over it is closed. */
  private static final class NonClosing extends java.io.FilterWriter {
    NonClosing(Writer out) {
      super(out);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }

  /** Every job, in list order, through the one pipeline into the file; nothing is checkpointed. */
  private static void convert(JobSource jobs, Mapping mapping, Ledger ledger, FileSink file)
      throws SourceException, IOException, InterruptedException {
    Mapper mapper = new Mapper(mapping, ledger);
    JobItems items = new JobItems(jobs, Checkpoint.NONE, key -> true,
        (unique, duplicates, todo) -> {
          ledger.listed(unique.size());
          ledger.duplicates(duplicates);
        });
    try (file) {
      new Pipeline(items, new Enricher(mapper, jobs.ciRuns()), mapper, file, ledger, Progress.NONE,
          BATCH_POINTS, BATCH_BYTES, System::nanoTime).inOrder().run();
    } catch (io.squashinflux.sink.DeliveryException never) {
      throw new IllegalStateException("a file refuses nothing", never);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
