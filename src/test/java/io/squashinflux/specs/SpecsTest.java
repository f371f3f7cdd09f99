package io.squashinflux.specs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.squashinflux.testing.SharedSamples;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecsTest {

  private static Specs fixture() throws Exception {
    try (InputStream in = SpecsTest.class.getResourceAsStream("/specs/squash-specs.json")) {
      return Specs.parse(in, "squash-specs.json");
    }
  }

  @Test
  void squashAnswerGivesEachLevelWithOperatorAndUnit() throws Exception {
    var levels = fixture().levels("validate_drp.PA1", "validation_data_cfht", "r");
    assertThat(levels.keySet()).containsExactlyInAnyOrder("design", "minimum", "stretch");
    assertThat(levels.get("design").value()).isEqualTo(5.0);
    assertThat(levels.get("design").operator()).isEqualTo("<=");
    assertThat(levels.get("design").unit()).isEqualTo("mmag");
    assertThat(fixture().lowerIsBetter("validate_drp.PA1")).contains(true);
    assertThat(fixture().lowerIsBetter("pipe_analysis.starGalaxyPurity")).contains(false);
    assertThat(fixture().lowerIsBetter("validate_drp.AM1")).isEmpty();
  }

  @Test
  void bandsInTheNameAndTheMetadataQueryPickTheSpecOfASeries() throws Exception {
    Specs specs = fixture();
    assertThat(specs.levels("validate_drp.PA1", "validation_data_cfht", "z").get("design").value())
        .isEqualTo(7.5);
    // The HSC r-band spec is the most specific for a series carrying its instrument term;
    // HSC's "HSC-R" spelling matches too.
    var hsc = java.util.Map.of("instrument", "HSC");
    assertThat(specs.levels("validate_drp.PA1", "validation_data_hsc", "r", hsc).get("design").value())
        .isEqualTo(4.0);
    assertThat(specs.levels("validate_drp.PA1", "validation_data_hsc", "HSC-R", hsc).get("design")
        .value()).isEqualTo(4.0);
    // A series that does not carry the term, or carries another value, gets the generic spec.
    assertThat(specs.levels("validate_drp.PA1", "validation_data_hsc", "r").get("design").value())
        .isEqualTo(5.0);
    assertThat(specs.levels("validate_drp.PA1", "validation_data_hsc", "r",
        java.util.Map.of("instrument", "DECam")).get("design").value()).isEqualTo(5.0);
    assertThat(specs.levels("validate_drp.PA1", "validation_data_hsc", "g").get("design").value())
        .isEqualTo(5.0);
  }

  @Test
  void aMetricsAnswerGivesUnitsBesideTheSpecsOfAnother() throws Exception {
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    Specs specs = Specs.read(java.util.List.of(
        json.readTree("{\"specs\": [{\"name\": \"validate_drp.PA1.design\", \"threshold\":"
            + " {\"value\": 5.0, \"operator\": \"<=\", \"unit\": \"mag\"}}]}"),
        json.readTree("{\"metrics\": [{\"name\": \"validate_drp.PA1\", \"unit\": \"mmag\"},"
            + " {\"name\": \"validate_drp.AM1\", \"unit\": \"marcsec\"}]}")));
    assertThat(specs.of("validate_drp.PA1")).singleElement()
        .satisfies(s -> assertThat(s.level() + " " + s.operator() + " " + s.value()).isEqualTo("design <= 5.0"));
    assertThat(specs.unit("validate_drp.PA1")).isEqualTo("mmag"); // the definition wins
    assertThat(specs.unit("validate_drp.AM1")).isEqualTo("marcsec");
    assertThat(specs.isEmpty()).isFalse();
    assertThat(Specs.read(java.util.List.of(json.readTree("{}"))).isEmpty()).isTrue();
  }

  @Test
  void realVerifyJobFileGivesThresholdsOfItsMetrics() throws Exception {
    Path sample = SharedSamples.dir().resolve("verify_job.json");
    Specs specs = Specs.load(sample.toString(), io.squashinflux.net.HttpSettings.defaults());
    assertThat(specs.metrics()).contains("validate_drp.PA1", "validate_drp.AM1", "validate_drp.TE1");
    var pa1 = specs.levels("validate_drp.PA1", "validation_data_cfht", "r");
    assertThat(pa1.get("design").value()).isEqualTo(5.0);
    assertThat(pa1.get("minimum").value()).isEqualTo(8.0);
    assertThat(pa1.get("stretch").value()).isEqualTo(3.0);
    assertThat(specs.levels("validate_drp.AM1", null, null).get("design").unit()).isEqualTo("marcsec");
    assertThat(specs.unit("validate_drp.TE1")).isEqualTo(""); // from the file's metric definitions
  }

  @Test
  void projectVerifyFixtureIsReadToo() {
    Specs specs = Specs.load("src/test/resources/fixtures/verify-file.json", io.squashinflux.net.HttpSettings.defaults());
    assertThat(specs.levels("validate_drp.AM1", "any", "r").get("design").value()).isEqualTo(10.0);
  }

  @Test
  void notJsonIsOneLine(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("specs.json"), "design: 5 mmag\n");
    assertThatThrownBy(() -> Specs.load(file.toString(), io.squashinflux.net.HttpSettings.defaults()))
        .isInstanceOf(SpecsException.class)
        .hasMessageStartingWith(file + " is not JSON")
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> Specs.load(dir.resolve("none.json").toString(), io.squashinflux.net.HttpSettings.defaults()))
        .hasMessageEndingWith("no such file");
    assertThatThrownBy(() -> Specs.parse(
        new ByteArrayInputStream("{\"jobs\": []}".getBytes(StandardCharsets.UTF_8)), "x"))
        .hasMessageStartingWith("x holds no specs");
  }
}
