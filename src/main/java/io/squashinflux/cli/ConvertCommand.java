package io.squashinflux.cli;

import io.squashinflux.enrich.Enricher;
import io.squashinflux.mapping.Mapped;
import io.squashinflux.sink.LineBatch;
import io.squashinflux.source.JobItems;

import io.squashinflux.sink.Line;
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
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
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
      List<String> listed = jobs.list();
      List<String> keys = List.copyOf(new java.util.LinkedHashSet<>(listed));
      ledger.listed(keys.size());
      ledger.duplicates(listed.size() - keys.size());
      Mapper mapper = new Mapper(mapping, ledger);
      Conversion conversion = new Conversion(new Enricher(mapper, jobs.ciRuns()), mapper, ledger,
          cardinality == null ? null : cardinality::add);
      new OrderedOutput(keys, conversion, ledger, out).run(jobs);
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

  /** A job to lines: enriched, mapped, encoded; a job that cannot be is noted with its reason. */
  record Conversion(Enricher enricher, Mapper mapper, Ledger ledger,
      java.util.function.Consumer<List<io.squashinflux.lineprotocol.Point>> observer) {
    List<Line> lines(io.squashinflux.source.Job job) throws InterruptedException {
      Mapped mapped;
      try {
        mapped = mapper.map(job, enricher.of(job));
      } catch (io.squashinflux.source.CiRuns.LookupFailed e) {
        ledger.failed(job.ref(), job.ref() + ": " + e.getMessage());
        return List.of();
      }
      if (mapped instanceof Mapped.Skipped skipped) {
        boolean loss = skipped.kind() != Mapped.Skip.DATASET_FILTER;
        ledger.skipped(job.ref(), loss ? skipped.reason() : skipped.kind().label(), loss);
        return List.of();
      }
      List<io.squashinflux.lineprotocol.Point> points = ((Mapped.Points) mapped).points();
      if (observer != null) {
        observer.accept(points);
      }
      List<Line> lines = LineBatch.encode(points, ledger).lines();
      ledger.written(lines.size(), lines.stream().mapToLong(Line::fields).sum());
      ledger.synced(job.ref());
      return lines;
    }
  }

  /** Writes each job's lines in list order, whatever order the parallel reads finish in. */
  static final class OrderedOutput {
    private final java.util.Map<String, Integer> index = new java.util.HashMap<>();
    private final java.util.Map<Integer, List<Line>> ready = new java.util.HashMap<>();
    private final Conversion conversion;
    private final Ledger ledger;
    private final Writer out;
    private int next;
    private IOException failure;

    OrderedOutput(List<String> keys, Conversion conversion, Ledger ledger, Writer out) {
      for (int i = 0; i < keys.size(); i++) {
        index.put(keys.get(i), i);
      }
      this.conversion = conversion;
      this.ledger = ledger;
      this.out = out;
    }

    void run(JobSource jobs) throws IOException, InterruptedException {
      jobs.fetch(List.copyOf(index.keySet()).stream()
          .sorted(java.util.Comparator.comparing(index::get)).toList(), new JobSource.Consumer() {
            @Override
            public void job(io.squashinflux.source.Job job) throws InterruptedException {
              deliver(JobItems.keyOf(job), conversion.lines(job));
            }

            @Override
            public void failed(String key, String reason) throws InterruptedException {
              ledger.failed(key, reason);
              deliver(key, List.of());
            }
          });
      if (failure != null) {
        throw failure;
      }
    }

    /** Holds lines until every earlier job is out; blocks readers that run too far ahead. */
    private synchronized void deliver(String key, List<Line> lines) throws InterruptedException {
      Integer at = index.get(key);
      if (at == null) {
        return;
      }
      while (at - next > 512 && failure == null) {
        wait();
      }
      ready.put(at, lines);
      try {
        while (ready.containsKey(next)) {
          for (Line line : ready.remove(next)) {
            out.write(line.text());
            out.write('\n');
          }
          next++;
        }
      } catch (IOException e) {
        failure = e;
      }
      notifyAll();
    }
  }
}
