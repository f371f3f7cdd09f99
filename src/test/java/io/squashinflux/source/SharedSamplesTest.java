package io.squashinflux.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.squashinflux.testing.SharedSamples;
import org.junit.jupiter.api.Test;

/** Every real SQuaSH document in the shared samples parses, with the counts its README gives. */
class SharedSamplesTest {

  @Test
  void verifyJobWithNullHas30MeasurementsOf7Null() throws Exception {
    Job job = Fixtures.parse(SharedSamples.file("verify_job_with_null.json"));

    assertThat(job.measurements()).hasSize(30);
    assertThat(job.measurements()).filteredOn(m -> m.value() == null).hasSize(7)
        .allSatisfy(m -> assertThat(m.literal()).isEqualTo("null"));
    assertThat(job.packages()).hasSize(124);
    assertThat(job.meta()).containsOnlyKeys("dataset_repo_url", "filter_name", "instrument");
    assertThat(job.env().get("env_name").asText()).isEqualTo("testdata");
    assertThat(job.dataset()).isEqualTo("unknown");
  }

  @Test
  void verifyJobHas7BareNans() throws Exception {
    Job job = Fixtures.parse(SharedSamples.file("verify_job.json"));

    assertThat(job.measurements()).hasSize(30);
    assertThat(job.measurements()).filteredOn(m -> "NaN".equals(m.literal())).hasSize(7)
        .allSatisfy(m -> assertThat(m.value()).isNaN());
    assertThat(job.env().get("env_name").asText()).isEqualTo("jenkins");
  }

  @Test
  void job768Has21MeasurementsAndDatasetDecam() throws Exception {
    Job job = Fixtures.parse(SharedSamples.file("job-768.json"));

    assertThat(job.measurements()).hasSize(21).allSatisfy(m -> assertThat(m.value()).isNotNull());
    assertThat(job.dataset()).isEqualTo("decam");
    assertThat(job.meta()).isEmpty();
    assertThat(job.runDate()).isEqualTo("2017-04-24T00:33:41Z");
    assertThat(job.env().get("ci_url").asText()).contains(",").contains("=");
  }

  @Test
  void cfhtOutputHas30MeasurementsOf7NanAndNoEnvNorPackages() throws Exception {
    Job job = Fixtures.parse(SharedSamples.file("Cfht_output_r.json"));

    assertThat(job.measurements()).hasSize(30);
    assertThat(job.measurements()).filteredOn(m -> m.value() != null && m.value().isNaN()).hasSize(7);
    assertThat(job.env()).isEmpty();
    assertThat(job.packages()).isEmpty();
    assertThat(job.dataset()).isNull();
  }

  @Test
  void apiResponseExampleHasIdDateDatasetAndPackageList() throws Exception {
    Job job = Fixtures.parse(SharedSamples.file("get_job_response_example.json"));

    assertThat(job.measurements()).hasSize(30);
    assertThat(job.measurements()).filteredOn(m -> m.value() == null).hasSize(7);
    assertThat(job.dateCreated()).isEqualTo("2018-07-30T18:25:53Z");
    assertThat(job.dataset()).isEqualTo("validation_data_cfht");
    assertThat(job.packages()).hasSize(124);
    assertThat(job.runDate()).isEqualTo("2018-07-30T18:25:52.410342+00:00");
  }
}
