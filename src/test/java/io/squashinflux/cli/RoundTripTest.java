package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.squashinflux.testing.InfluxServer;
import io.squashinflux.testing.SharedSamples;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every metric value of a job, read independently of the tool's own parser, either reads back
 * from a real InfluxDB exactly as the document holds it, or is in the rejects file with its job,
 * key and reason. The same for every meta value that can be a tag. Nothing is lost unreported.
 */
class RoundTripTest {
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
  /** What the squash model drops by design (the shared doc's table): not a loss. */
  private static final java.util.Set<String> SQUASH_DROPS =
      java.util.Set.of("date", "ci_label", "dataset_repo_url");

  @RegisterExtension static final InfluxServer influx = InfluxServer.perClass();
  private static int databases;

  @TempDir Path tmp;

  static Stream<Arguments> documents() {
    List<Arguments> cases = new ArrayList<>();
    for (String model : List.of("notebook", "squash")) {
      for (Path document : paths()) {
        cases.add(Arguments.of(model, document));
      }
    }
    return cases.stream();
  }

  private static List<Path> paths() {
    List<Path> documents = new ArrayList<>();
    for (String fixture : List.of("api-job.json", "verify-file.json", "jenkins-decam.json",
        "hostile-meta.json", "dataset-in-meta.json")) {
      documents.add(Path.of("src/test/resources/fixtures", fixture));
    }
    if (SharedSamples.available()) {
      for (String sample : List.of("get_job_response_example.json", "verify_job.json",
          "verify_job_with_null.json", "job-768.json")) {
        documents.add(SharedSamples.file(sample));
      }
    } else {
      System.err.println("NOTE: ../shared not found: round trip of the real SQuaSH documents skipped");
    }
    return documents;
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("documents")
  void everyValueReadsBackExactlyOrIsReported(String model, Path document) throws IOException {
    String db = "rt" + (++databases);
    Path rejects = tmp.resolve("rejects.jsonl");
    Cli.Result cli = Cli.run("sync", "--from", document.toString(), "--mapping", model,
        "--no-default-excludes", "--no-state",
        "--influx-url", influx.url(), "--db", db, "--rejects", rejects.toString(), "--quiet");
    assertThat(cli.code()).as(cli.err()).isIn(0, 1);
    List<JsonNode> reported = Files.exists(rejects) ? readLines(rejects) : List.of();
    JsonNode job = JSON.readTree(document.toFile());

    int checked = 0;
    for (JsonNode measurement : job.path("measurements")) {
      String metric = measurement.path("metric").asText();
      JsonNode value = measurement.path("value");
      if (value.isNumber() && Double.isFinite(value.asDouble())
          && new BigDecimal(value.asText()).compareTo(new BigDecimal(Double.toString(value.asDouble()))) == 0
          && !isReported(reported, metric, metric.split("\\.", 2)[0])) {
        String pkg = metric.contains(".") ? metric.substring(0, metric.indexOf('.')) : metric;
        // The squash model's field key is the metric name without its package.
        String field = model.equals("squash") ? metric.substring(metric.indexOf('.') + 1) : metric;
        JsonNode stored = influx.scalar(db, "SELECT " + quote(field) + " FROM " + quote(pkg));
        assertThat(stored).as("%s in %s", metric, db).isNotNull();
        assertThat(stored.asDouble()).as(metric).isEqualTo(value.asDouble());
        checked++;
      } else {
        assertThat(isReported(reported, metric, metric.split("\\.", 2)[0]))
            .as("%s (%s) is reported", metric, value).isTrue();
      }
    }
    assertThat(checked).isPositive();
    checkTags(db, job.path("meta"), reported, model.equals("notebook"));
  }

  /** Meta values are tags: under their own key (notebook), or some key (squash renames a few). */
  private void checkTags(String db, JsonNode meta, List<JsonNode> reported, boolean sameKey) {
    for (Map.Entry<String, JsonNode> entry : meta.properties()) {
      String key = entry.getKey();
      JsonNode value = entry.getValue();
      if (key.equals("env") || key.equals("packages") || (!sameKey && SQUASH_DROPS.contains(key))
          || !value.isValueNode() || value.isNull()
          || value.asText().isEmpty() || isReported(reported, key, null)) {
        continue;
      }
      List<String> values = new ArrayList<>();
      String which = sameKey ? "= " + quote(key) : "=~ /.*/";
      for (List<JsonNode> row : influx.rows(db, "SHOW TAG VALUES WITH KEY " + which)) {
        values.add(row.get(1).asText());
      }
      assertThat(values).as("tag %s", key).contains(value.asText());
    }
  }

  @Test
  void decamJobIsSkippedByDefaultAndWrittenWhenIncluded() throws IOException {
    Path decam = SharedSamples.available() ? SharedSamples.file("job-768.json")
        : Path.of("src/test/resources/fixtures/jenkins-decam.json");
    String db = "decam" + (++databases);
    Cli.Result skipped = Cli.run("sync", "--from", decam.toString(), "--no-state", "--influx-url",
        influx.url(), "--db", db, "--json", "--quiet");
    assertThat(skipped.code()).isZero();
    JsonNode summary = JSON.readTree(skipped.out());
    assertThat(summary.path("jobs").path("skipped").asLong()).isEqualTo(1);
    assertThat(influx.rows(db, "SHOW MEASUREMENTS")).isEmpty();

    Cli.Result included = Cli.run("sync", "--from", decam.toString(), "--no-state", "--influx-url",
        influx.url(), "--db", db, "--include-dataset", "decam", "--quiet");
    assertThat(included.code()).isZero();
    assertThat(influx.rows(db, "SELECT * FROM validate_drp WHERE dataset = 'decam'")).hasSize(1);
  }

  private static boolean isReported(List<JsonNode> reported, String key, String measurement) {
    return reported.stream().anyMatch(r -> key.equals(r.path("key").asText())
        || (measurement != null && measurement.equals(r.path("key").asText())));
  }

  private static List<JsonNode> readLines(Path file) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  /** An InfluxQL identifier in double quotes. */
  static String quote(String identifier) {
    return "\"" + identifier.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
