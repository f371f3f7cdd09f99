package io.squashinflux.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobParserTest {

  @Test
  void aJobWithMoreMeasurementsThanTheHeapAllowsFailsBeforeItIsMapped() throws Exception {
    StringBuilder doc = new StringBuilder("{\"measurements\": [");
    for (int i = 0; i < 6; i++) {
      doc.append(i == 0 ? "" : ",").append("{\"metric\": \"p.m").append(i).append("\", \"value\": 1}");
    }
    byte[] bytes = doc.append("], \"meta\": {}}").toString().getBytes(StandardCharsets.UTF_8);

    assertThat(JobParser.jackson(new ByteArrayInputStream(bytes), "r", Job.Origin.FILE, null, null,
        true, 6).measurements()).hasSize(6);
    assertThatThrownBy(() -> JobParser.jackson(new ByteArrayInputStream(bytes), "r",
        Job.Origin.FILE, null, null, true, 5))
        .isInstanceOf(JobFormatException.class)
        .hasMessageStartingWith("too large to map within the heap: more than 5 measurements; raise -Xmx (now ")
        .hasMessageContaining("SQUASH_INFLUX_JAVA_OPTS");
  }

  @Test
  void packagesCanBeSkippedLeavingEverythingElseTheSame() throws Exception {
    byte[] bytes = Fixtures.bytes("api-job.json");
    Job full = JobParser.parse(new java.io.ByteArrayInputStream(bytes), "r", Job.Origin.API, 1L, null);
    Job lean = JobParser.parse(new java.io.ByteArrayInputStream(bytes), "r", Job.Origin.API, 1L, null,
        false);

    assertThat(full.packages()).isNotEmpty();
    assertThat(lean.packages()).isEmpty();
    assertThat(lean.meta()).isEqualTo(full.meta());
    assertThat(lean.env()).isEqualTo(full.env());
    assertThat(lean.measurements()).isEqualTo(full.measurements());
  }

  @Test
  void apiResponseKeepsTopLevelFieldsMetaEnvAndPackageList() throws Exception {
    Job job = Fixtures.parse("api-job.json");

    assertThat(job.dateCreated()).isEqualTo("2019-03-29T18:44:45Z");
    assertThat(job.runDate()).isEqualTo("2019-03-29T17:02:11.123456+00:00");
    assertThat(job.dataset()).isEqualTo("validation_data_hsc");
    assertThat(job.meta().keySet())
        .containsExactly("filter_name", "instrument", "visit", "tags", "dataset_repo_url");
    assertThat(job.meta().get("visit").asLong()).isEqualTo(1228);
    assertThat(job.meta().get("tags").isArray()).isTrue();
    assertThat(job.env().keySet()).containsExactly("env_name", "ci_id", "ci_name", "ci_dataset",
        "ci_label", "ci_url", "status", "date");
    assertThat(job.packages()).containsExactly(
        new PackageVersion("afw", "abc123", "https://github.com/lsst/afw.git", "master", "16.0"),
        new PackageVersion("utils", "def456", null, null, null));
  }

  @Test
  void measurementValuesKeepTheirLiteralText() throws Exception {
    List<Measurement> m = Fixtures.parse("api-job.json").measurements();

    assertThat(m).extracting(Measurement::metric).containsExactly("validate_drp.AM1",
        "validate_drp.big", "validate_drp.PA1", "validate_drp.text", "validate_drp.object",
        "validate_drp.absent");
    assertThat(m.get(0)).isEqualTo(new Measurement("validate_drp.AM1", 7.76, "7.76", "marcsec"));
    assertThat(m.get(1).literal()).isEqualTo("9007199254740993");
    assertThat(m.get(1).value()).isEqualTo(9.007199254740992E15);
    assertThat(m.get(2)).isEqualTo(new Measurement("validate_drp.PA1", null, "null", "mmag"));
    assertThat(m.get(3)).isEqualTo(new Measurement("validate_drp.text", null, "\"abc\"", "mmag"));
    assertThat(m.get(4)).isEqualTo(new Measurement("validate_drp.object", null, "{\"a\":1}", null));
    assertThat(m.get(5)).isEqualTo(new Measurement("validate_drp.absent", null, "null", "mag"));
  }

  @Test
  void verifyFileReadsBareNanAndInfinitiesAndPackageDict() throws Exception {
    Job job = Fixtures.parse("verify-file.json");

    assertThat(job.measurements()).extracting(Measurement::literal)
        .containsExactly("7.5", "NaN", "Infinity", "-Infinity", "1.50e-3");
    assertThat(job.measurements()).extracting(Measurement::value)
        .containsExactly(7.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0015);
    assertThat(job.packages()).extracting(PackageVersion::name).containsExactly("afw", "verify");
    assertThat(job.packages().get(1).gitBranch()).isEqualTo("master");
    assertThat(job.dataset()).isEqualTo("validation_data_cfht");
    assertThat(job.dateCreated()).isNull();
    assertThat(job.meta().keySet()).containsExactly("dataset_repo_url", "filter_name", "instrument");
  }

  @Test
  void absentOrEmptyEnvGivesNoEnvNoRunDateNoDataset() throws Exception {
    for (String name : List.of("env-absent.json", "env-empty.json")) {
      Job job = Fixtures.parse(name);
      assertThat(job.env()).as(name).isEmpty();
      assertThat(job.runDate()).as(name).isNull();
      assertThat(job.dataset()).as(name).isNull();
      assertThat(job.packages()).as(name).isEmpty();
      assertThat(job.measurements()).as(name).hasSize(1);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "dataset-null-top.json, from_env",
    "dataset-in-meta.json, from_meta",
    "dataset-in-env-ci.json, from_env_ci",
    "dataset-in-env-dataset.json, HSC-RC2",
    "api-job.json, validation_data_hsc",
  })
  void datasetIsTheFirstNonEmptyOfTopMetaEnvCiDatasetEnvDataset(String file, String dataset)
      throws Exception {
    assertThat(Fixtures.parse(file).dataset()).isEqualTo(dataset);
  }

  @Test
  void gen3DataIdStaysInMetaInDocumentOrder() throws Exception {
    Job job = Fixtures.parse("dataset-in-meta.json");

    assertThat(job.meta().keySet()).containsExactly("ci_dataset", "tract", "patch", "band", "skymap");
    assertThat(job.meta().get("tract").asInt()).isEqualTo(9813);
  }

  @Test
  void unknownKeysAnywhereAreSkipped() throws Exception {
    Job job = Fixtures.parse("extra-keys.json");

    assertThat(job.measurements())
        .containsExactly(new Measurement("validate_drp.AM1", 32.95, "32.95", "marcsec"));
    assertThat(job.dataset()).isEqualTo("decam");
    assertThat(job.env().get("ci_id").asText()).isEqualTo("904");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "not-a-job-array.json | not a job: the document is not a JSON object",
    "not-a-job-no-measurements.json | not a job: no \"measurements\" array",
    "not-a-job-no-metric.json | not a job: measurements[0] has no \"metric\"",
    "not-a-job-measurements-object.json | not a job: \"measurements\" is not an array",
    "empty.json | not a job: the document is empty",
  })
  void documentsThatAreNotJobsFailWithOneLineNamingTheProblem(String file, String message) {
    assertThatThrownBy(() -> Fixtures.parse(file))
        .isInstanceOf(JobFormatException.class)
        .hasMessage(message)
        .satisfies(e -> assertThat(((JobFormatException) e).syntax()).isFalse());
  }

  @Test
  void truncatedJsonIsASyntaxErrorOnOneLine() {
    assertThatThrownBy(() -> Fixtures.parse("truncated.json"))
        .isInstanceOf(JobFormatException.class)
        .hasMessageStartingWith("invalid JSON (cut short) at line 1, column ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
        .satisfies(e -> assertThat(((JobFormatException) e).syntax()).isTrue());
  }

  @Test
  void garbageIsASyntaxError() {
    assertThatThrownBy(() -> parse("{\"measurements\": [}"))
        .isInstanceOf(JobFormatException.class)
        .hasMessageStartingWith("invalid JSON at line 1, column 19: ")
        .satisfies(e -> assertThat(((JobFormatException) e).syntax()).isTrue());
  }

  @Test
  void metaNullValuesAreKeptAsJsonNull() throws Exception {
    Job job = parse("{\"measurements\": [], \"meta\": {\"a\": null, \"env\": null, \"packages\": null}}");

    JsonNode a = job.meta().get("a");
    assertThat(a.isNull()).isTrue();
    assertThat(job.env()).isEmpty();
    assertThat(job.packages()).isEmpty();
  }

  private static Job parse(String json) throws IOException, JobFormatException {
    return JobParser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
        "test", Job.Origin.FILE, null, null);
  }
}
