package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squashinflux.demo.GeneratorSettings;
import io.squashinflux.demo.JobGenerator;
import io.squashinflux.demo.Plants;
import io.squashinflux.demo.Regression;
import io.squashinflux.demo.SquashApiServer;
import io.squashinflux.testing.InfluxServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Generated jobs with planted patterns, synced by the real {@code sync} into a real influxd
 * under both built-in models, and helpers to read a series back from InfluxDB's own answers.
 */
final class TrendData {
  final JobGenerator generator;
  final InfluxServer influx;
  /** The first job of the CI run from which on the PA1 regression holds. */
  final long plantedJob;

  private TrendData(JobGenerator generator, InfluxServer influx, long plantedJob) {
    this.generator = generator;
    this.influx = influx;
    this.plantedJob = plantedJob;
  }

  /** The generator's specs (the demo's metric levels) as {@code specs.json} in {@code dir}. */
  static Path writeSpecs(Path dir) throws IOException {
    Path specs = dir.resolve("specs.json");
    new ObjectMapper().writeValue(specs.toFile(), JobGenerator.specs());
    return specs;
  }

  /** {@code jobs} jobs with the demo's PA1 regression and {@code steps}... planted, in both models. */
  static TrendData start(InfluxServer influx, int jobs, int steps, int outliers, int drifts,
      int nulls) throws Exception {
    return start(influx, jobs, steps, outliers, drifts, nulls, Regression.DEFAULT.factor(),
        List.of("squash", "notebook"));
  }

  /**
   * The same with the PA1 regression's {@code factor}, and {@code sync --packages} only for the
   * models in {@code withPackages} (the squash model's code_changes name the packages otherwise).
   */
  static TrendData start(InfluxServer influx, int jobs, int steps, int outliers, int drifts,
      int nulls, double factor, List<String> withPackages) throws Exception {
    GeneratorSettings base = GeneratorSettings.of(7, jobs);
    JobGenerator plain = new JobGenerator(base);
    long runs = (jobs + plain.jobsPerRun() - 1) / plain.jobsPerRun();
    long middle = runs / 2 * plain.jobsPerRun() + 1;
    GeneratorSettings settings = Plants.plan(
        base.withRegression(Regression.DEFAULT.withFactor(factor).at(plain.dateCreated(middle))),
        steps, outliers, drifts, nulls);
    JobGenerator generator = new JobGenerator(settings);
    Path rejects = Files.createTempFile("trend-data-", ".rejects.jsonl");
    try (SquashApiServer api = SquashApiServer.start(generator, 0)) {
      for (String model : List.of("squash", "notebook")) {
        List<String> args = new ArrayList<>(List.of("sync", "--squash-url", api.url().toString(),
            "--influx-url", influx.url(), "--db", model, "--mapping", model, "--no-state",
            "--rejects", rejects.toString(), "--quiet"));
        if (withPackages.contains(model)) {
          args.add("--packages");
        }
        Cli.Result sync = Cli.run(args.toArray(String[]::new));
        assertThat(sync.code()).as(sync.toString()).isIn(0, 1); // 1: the planted nulls are refused
      }
    } finally {
      Files.deleteIfExists(rejects);
    }
    return new TrendData(generator, influx, middle);
  }

  /** One series' rows from InfluxDB: time (ns), value, and the job id (null if not kept). */
  record Row(long time, double value, Long job) {}

  List<Row> series(String db, String metric, String dataset, String filter) {
    boolean squash = db.equals("squash");
    String measurement = metric.substring(0, metric.indexOf('.'));
    String field = squash ? metric.substring(metric.indexOf('.') + 1) : metric;
    String filterTag = squash ? "filter" : "filter_name";
    String q = "SELECT \"" + field + "\", \"squash_id\" FROM \""
        + measurement + "\" WHERE \"dataset\" = '" + dataset + "' AND \"" + filterTag + "\" = '"
        + filter + "'";
    List<Row> rows = new ArrayList<>();
    for (List<JsonNode> row : influx.rows(db, q)) {
      if (!row.get(1).isNull()) {
        rows.add(new Row(row.get(0).asLong(), row.get(1).asDouble(),
            row.size() > 2 && !row.get(2).isNull() ? row.get(2).asLong() : null));
      }
    }
    return rows;
  }
}
