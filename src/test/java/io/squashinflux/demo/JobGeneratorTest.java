package io.squashinflux.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squashinflux.testing.SharedSamples;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobGeneratorTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void sameSeedGivesSameJobsAndOtherSeedsDiffer() {
    JobGenerator a = JobGenerator.withSeed(42, 100);
    JobGenerator b = JobGenerator.withSeed(42, 100);
    JobGenerator c = JobGenerator.withSeed(43, 100);
    for (long id = 1; id <= 100; id++) {
      assertThat(a.bytes(id, JobFormat.API)).isEqualTo(b.bytes(id, JobFormat.API));
      assertThat(a.bytes(id, JobFormat.VERIFY)).isEqualTo(b.bytes(id, JobFormat.VERIFY));
    }
    assertThat(a.apiJob(7).get("measurements")).isNotEqualTo(c.apiJob(7).get("measurements"));
  }

  @Test
  void jobNDoesNotDependOnEarlierJobsSoGenerationStreams() {
    JobGenerator warm = JobGenerator.withSeed(5, 1000);
    for (long id = 1; id < 500; id++) {
      warm.apiJob(id);
    }
    assertThat(JobGenerator.withSeed(5, 1000).apiJob(500)).isEqualTo(warm.apiJob(500));
    // A far job costs the same as the first: nothing before it is generated or kept.
    JsonNode far = JobGenerator.withSeed(5, 2_000_000_000).apiJob(1_999_999_999L);
    assertThat(far.get("id").asLong()).isEqualTo(1_999_999_999L);
  }

  @Test
  void apiJobHasTheKeysOfARealApiResponse() throws IOException {
    JsonNode job = JobGenerator.withSeed(1, 10).apiJob(4);
    assertThat(fieldNames(job))
        .containsExactly("id", "date_created", "ci_dataset", "s3_uri", "measurements", "meta");
    assertThat(fieldNames(job.get("meta")))
        .containsExactly("dataset_repo_url", "filter_name", "instrument", "packages", "env");
    assertThat(fieldNames(job.get("measurements").get(0)))
        .containsExactly("value", "unit", "metric", "blobs");
    if (SharedSamples.available()) {
      JsonNode real = MAPPER.readTree(SharedSamples.file("get_job_response_example.json").toFile());
      assertThat(fieldNames(job)).isEqualTo(fieldNames(real));
      assertThat(fieldNames(job.get("meta"))).isEqualTo(fieldNames(real.get("meta")));
      assertThat(fieldNames(job.get("measurements").get(0)))
          .isEqualTo(fieldNames(real.get("measurements").get(0)));
      assertThat(fieldNames(job.get("measurements").get(0).get("blobs").get(0)))
          .isEqualTo(fieldNames(real.get("measurements").get(0).get("blobs").get(0)));
      assertThat(new HashSet<>(fieldNames(job.get("meta").get("packages").get(0))))
          .isEqualTo(new HashSet<>(fieldNames(real.get("meta").get("packages").get(0))));
      assertThat(fieldNames(job.get("meta").get("env")))
          .containsAll(fieldNames(real.get("meta").get("env")));
    }
  }

  @Test
  void apiJobHasRealisticValues() {
    JobGenerator generator = JobGenerator.withSeed(3, 300);
    for (long id = 1; id <= 300; id++) {
      JsonNode job = generator.apiJob(id);
      assertThat(job.get("id").asLong()).isEqualTo(id);
      assertThat(job.get("date_created").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
      JsonNode env = job.get("meta").get("env");
      assertThat(env.get("date").asText())
          .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00");
      assertThat(env.get("ci_url").asText())
          .startsWith("https://ci.lsst.codes/job/validate_drp/dataset=")
          .contains(",label=centos-7/");
      assertThat(job.get("measurements").size()).isBetween(15, 30);
      assertThat(job.get("meta").get("packages").size()).isGreaterThan(5);
    }
  }

  @Test
  void datesSpreadOverTheSpanInIdOrderAndRunsShareACiId() {
    JobGenerator generator = JobGenerator.withSeed(9, 1200);
    Instant end = GeneratorSettings.DEFAULT_END;
    Instant previous = end.minus(Duration.ofDays(365));
    for (long id = 1; id <= 1200; id++) {
      Instant created = Instant.parse(generator.apiJob(id).get("date_created").asText());
      assertThat(created).isAfterOrEqualTo(previous).isBefore(end);
      previous = created;
    }
    assertThat(previous).isAfter(end.minus(Duration.ofDays(2)));
    Set<String> ciIdsOfFirstRun = new HashSet<>();
    Set<String> datasets = new HashSet<>();
    for (long id = 1; id <= generator.jobsPerRun(); id++) {
      JsonNode env = generator.apiJob(id).get("meta").get("env");
      ciIdsOfFirstRun.add(env.get("ci_id").asText());
      datasets.add(env.get("ci_dataset").asText());
    }
    assertThat(ciIdsOfFirstRun).hasSize(1);
    assertThat(datasets).hasSize(generator.jobsPerRun());
    assertThat(generator.ciId(generator.jobsPerRun() + 1)).isNotIn(ciIdsOfFirstRun);
  }

  @Test
  void nullShareIsRoughlyAsConfigured() {
    assertThat(nullShare(JobGenerator.withSeed(11, 400))).isBetween(0.02, 0.04);
    JobGenerator tenPercent =
        new JobGenerator(GeneratorSettings.of(11, 400).withNullShare(0.10));
    assertThat(nullShare(tenPercent)).isBetween(0.08, 0.12);
    assertThat(nullShare(new JobGenerator(GeneratorSettings.of(11, 400).withNullShare(0))))
        .isZero();
  }

  @Test
  void unknownDatasetAppearsOnlyWhenAsked() {
    assertThat(datasets(JobGenerator.withSeed(2, 300))).doesNotContain("unknown");
    JobGenerator some = new JobGenerator(GeneratorSettings.of(2, 300).withUnknownShare(0.2));
    assertThat(datasets(some)).contains("unknown", "validation_data_hsc");
  }

  @Test
  void plantedRegressionIsVisibleInTheValues() {
    JobGenerator generator = JobGenerator.withSeed(21, 3000);
    Regression regression = generator.regression().orElseThrow();
    assertThat(regression.at()).isEqualTo(Instant.parse("2023-07-02T12:00:00Z"));
    List<Double> before = new ArrayList<>();
    List<Double> after = new ArrayList<>();
    for (long id = 1; id <= 3000; id++) {
      JsonNode job = generator.apiJob(id);
      Instant created = Instant.parse(job.get("date_created").asText());
      if (!job.get("ci_dataset").asText().equals("validation_data_hsc")
          || Duration.between(created, regression.at()).abs().toDays() > 30) {
        continue;
      }
      for (JsonNode m : job.get("measurements")) {
        if (m.get("metric").asText().equals("validate_drp.PA1") && !m.get("value").isNull()) {
          (created.isBefore(regression.at()) ? before : after).add(m.get("value").asDouble());
        }
      }
    }
    assertThat(before).hasSizeGreaterThan(20);
    assertThat(after).hasSizeGreaterThan(20);
    assertThat(mean(after) / mean(before)).isBetween(1.35, 1.65);
  }

  @Test
  void noRegressionWhenNoneIsPlanted() {
    JobGenerator generator =
        new JobGenerator(GeneratorSettings.of(21, 30).withRegression(null));
    assertThat(generator.regression()).isEmpty();
  }

  @Test
  void verifyJobHasTheJobFileShape() {
    JsonNode job = JobGenerator.withSeed(1, 10).verifyJob(2);
    assertThat(fieldNames(job)).containsExactly("measurements", "blobs", "metrics", "specs", "meta");
    assertThat(job.has("id")).isFalse();
    assertThat(fieldNames(job.get("measurements").get(0)))
        .containsExactly("metric", "identifier", "value", "unit", "blob_refs");
    JsonNode packages = job.get("meta").get("packages");
    assertThat(packages.isObject()).isTrue();
    assertThat(packages.get("afw").get("name").asText()).isEqualTo("afw");
    String blobRef = job.get("measurements").get(0).get("blob_refs").get(0).asText();
    assertThat(job.get("blobs").findValuesAsText("identifier")).contains(blobRef);
    assertThat(job.get("specs").get(0).get("threshold").has("operator")).isTrue();
    assertThat(job.get("meta").get("env").get("date").asText()).endsWith("+00:00");
  }

  private static double nullShare(JobGenerator generator) {
    int total = 0;
    int nulls = 0;
    for (long id = 1; id <= generator.settings().count(); id++) {
      for (JsonNode m : generator.apiJob(id).get("measurements")) {
        total++;
        nulls += m.get("value").isNull() ? 1 : 0;
      }
    }
    return (double) nulls / total;
  }

  private static Set<String> datasets(JobGenerator generator) {
    Set<String> out = new HashSet<>();
    for (long id = 1; id <= generator.settings().count(); id++) {
      out.add(generator.apiJob(id).get("ci_dataset").asText());
    }
    return out;
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
