package io.squashinflux.sync;

import io.squashinflux.enrich.Enricher;
import io.squashinflux.files.Writable;
import io.squashinflux.ledger.Ledger;
import io.squashinflux.ledger.RejectsLog;
import io.squashinflux.ledger.Summary;
import io.squashinflux.mapping.Cardinality;
import io.squashinflux.mapping.Mapper;
import io.squashinflux.mapping.Mapping;
import io.squashinflux.pipeline.Pipeline;
import io.squashinflux.pipeline.Progress;
import io.squashinflux.sink.FileSink;
import io.squashinflux.source.Checkpoint;
import io.squashinflux.source.JobItems;
import io.squashinflux.source.JobSource;
import io.squashinflux.source.SourceException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * {@code convert}: every job, in list order, through the one pipeline into a file or stdout,
 * without InfluxDB; nothing is checkpointed. With stats, each tag's distinct values instead.
 */
public final class Conversion {
  /** Points and bytes per write to the file: large, since a file answers at once. */
  private static final int BATCH_POINTS = 10_000;
  private static final long BATCH_BYTES = 1 << 20;

  private Conversion() {}

  /**
   * Converts {@code jobs} into {@code output} (null: {@code out}), or with {@code stats} prints
   * tag cardinality on {@code out}; every dropped or changed value goes to {@code rejects} when
   * given.
   */
  public static Summary run(JobSource jobs, Mapping mapping, Path output, boolean stats,
      Path rejects, PrintWriter out, Clock clock)
      throws IOException, SourceException, InterruptedException {
    RejectsLog log = rejects == null ? RejectsLog.none() : new RejectsLog(rejects, clock);
    Ledger ledger = new Ledger(log);
    Cardinality cardinality = stats ? new Cardinality(mapping) : null;
    try (Writer writer = stats ? Writer.nullWriter() : open(output, out)) {
      FileSink file = new FileSink(writer, output == null ? "stdout" : output.toString(),
          cardinality == null ? null : cardinality::add);
      convert(jobs, mapping, ledger, file);
    } finally {
      log.close();
    }
    if (cardinality != null) {
      printStats(cardinality.report(), out);
    }
    return ledger.summary();
  }

  private static Writer open(Path output, PrintWriter out) throws IOException {
    if (output == null) {
      return new NonClosing(out);
    }
    Writable.check("-o", output, false);
    return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(output),
        StandardCharsets.UTF_8), 1 << 16);
  }

  private static void printStats(Cardinality.Report report, PrintWriter out) {
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

  private static void convert(JobSource jobs, Mapping mapping, Ledger ledger, FileSink file)
      throws SourceException, IOException, InterruptedException {
    Mapper mapper = new Mapper(mapping, ledger);
    JobItems items = new JobItems(jobs, Checkpoint.NONE, key -> true,
        (unique, duplicates, todo) -> {
          ledger.listed(unique.size());
          ledger.duplicates(duplicates);
        });
    try (file) {
      Pipeline.ofJobs(items, new Enricher(mapper, jobs.ciRuns()), mapper, file, ledger, Progress.NONE,
          BATCH_POINTS, BATCH_BYTES, System::nanoTime).inOrder().run();
    } catch (io.squashinflux.sink.DeliveryException never) {
      throw new IllegalStateException("a file refuses nothing", never);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
