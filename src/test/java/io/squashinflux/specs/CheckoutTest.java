package io.squashinflux.specs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.squashinflux.net.HttpSettings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules of lsst.verify's spec and metric files, each on the project's own small checkout. */
class CheckoutTest {
  static final Path FIXTURE = Path.of("src/test/resources/verify_metrics");
  private static final JsonMapper JSON = new JsonMapper();

  private static JsonNode spec(JsonNode answer, String name) {
    for (JsonNode s : answer.get("specs")) {
      if (s.get("name").asText().equals(name)) {
        return s;
      }
    }
    throw new AssertionError("no spec " + name + " in " + answer);
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void aPartialGivesMetricUnitOperatorAndTagsToTheSpecsThatInheritIt() throws Exception {
    JsonNode specs = Checkout.at(FIXTURE).specs();
    assertThat(spec(specs, "validate_drp.PA1.design_gri")).isEqualTo(json("""
        {"name": "validate_drp.PA1.design_gri", "type": "threshold",
         "threshold": {"value": 5.0, "unit": "mmag", "operator": "<="},
         "metadata_query": {}, "tags": ["PA1", "chromatic", "design"]}"""));
  }

  @Test
  void aListOfBasesMergesInOrderAcrossFilesAndTheDocumentWins() throws Exception {
    JsonNode specs = Checkout.at(FIXTURE).specs();
    // A specification of another file (PA1.design_gri), then a partial of another file whose own
    // base is a partial of that file (hsc/base#hsc-g over #hsc): queries merge, tags accumulate.
    assertThat(spec(specs, "validate_drp.PA1.hsc_design_g")).isEqualTo(json("""
        {"name": "validate_drp.PA1.hsc_design_g", "type": "threshold",
         "threshold": {"value": 4.0, "unit": "mmag", "operator": "<="},
         "metadata_query": {"instrument": "HSC",
           "dataset_repo_url": "https://github.com/lsst/validation_data_hsc.git",
           "dataset_name": "validation_data_hsc", "filter_name": "HSC-G"},
         "tags": ["PA1", "chromatic", "design", "hsc"]}"""));
    assertThat(spec(specs, "validate_drp.PA1.hsc_visits_design").get("metadata_query"))
        .isEqualTo(json("""
        {"instrument": "HSC", "dataset_repo_url": "https://github.com/lsst/validation_data_hsc.git",
         "dataset_name": "validation_data_hsc", "visits": [903334, 903336]}"""));
  }

  @Test
  void aDottedNameGivesTheMetricAndOneTextTagIsOneTag() throws Exception {
    JsonNode specs = Checkout.at(FIXTURE).specs();
    assertThat(spec(specs, "validate_drp.AM1.design")).isEqualTo(json("""
        {"name": "validate_drp.AM1.design", "type": "threshold",
         "threshold": {"value": 10.0, "unit": "marcsec", "operator": "<="},
         "metadata_query": {}, "tags": ["design"]}"""));
    assertThat(specs.get("specs")).hasSize(7);
  }

  @Test
  void metricDefinitionsApplyAnchorsAndMergeKeys() throws Exception {
    JsonNode metrics = Checkout.at(FIXTURE).metrics().get("metrics");
    Map<String, JsonNode> byName = new java.util.HashMap<>();
    metrics.forEach(m -> byName.put(m.get("name").asText(), m));
    assertThat(byName).containsOnlyKeys("ap_association.AssociationTime",
        "ap_association.DiaPipelineTime", "validate_drp.PA1", "validate_drp.PA2", "validate_drp.AM1");
    JsonNode pa2 = byName.get("validate_drp.PA2");
    assertThat(pa2.get("unit").asText()).isEqualTo("mmag"); // from <<: *Photometric
    assertThat(pa2.get("description").asText()).isEqualTo("Photometric outlier limit.");
    assertThat(pa2.get("reference")).isEqualTo(json(
        "{\"doc\": \"LPM-17\", \"url\": \"https://ls.st/lpm-17\", \"page\": 22}"));
    assertThat(pa2.get("tags")).isEqualTo(json("[\"photometry\", \"chromatic\"]"));
    assertThat(byName.get("validate_drp.PA1").get("description").asText())
        .isEqualTo("Photometric repeatability: RMS of magnitudes of bright stars.");
    assertThat(byName.get("ap_association.DiaPipelineTime").get("unit").asText()).isEqualTo("s");
  }

  @Test
  void theCheckoutOrEitherFolderReadsTheSame() {
    assertThat(Checkout.at(FIXTURE.resolve("specs")).specs())
        .isEqualTo(Checkout.at(FIXTURE).specs());
    assertThat(Checkout.at(FIXTURE.resolve("metrics")).metrics())
        .isEqualTo(Checkout.at(FIXTURE).metrics());
    assertThat(Checkout.at(FIXTURE.resolve("metrics")).specs().get("specs")).isEmpty();
  }

  @Test
  void specsLoadedFromACheckoutCarryLevelsTermsUnitsAndDefinitions() {
    Specs specs = Specs.load(FIXTURE.toString(), HttpSettings.defaults());
    Spec hsc = specs.of("validate_drp.PA1").stream()
        .filter(s -> s.name().equals("validate_drp.PA1.hsc_design_g")).findFirst().orElseThrow();
    assertThat(hsc.level()).isEqualTo("design");
    assertThat(hsc.dataset()).isEqualTo("validation_data_hsc");
    assertThat(hsc.filters()).containsExactly("g");
    assertThat(hsc.terms()).containsOnlyKeys("instrument", "dataset_repo_url");
    Map<String, String> carried = Map.of("instrument", "HSC",
        "dataset_repo_url", "https://github.com/lsst/validation_data_hsc.git");
    assertThat(specs.levels("validate_drp.PA1", "validation_data_hsc", "g", carried)
        .get("design").value()).isEqualTo(4.0);
    assertThat(specs.levels("validate_drp.PA1", "validation_data_hsc", "g").get("design").value())
        .isEqualTo(5.0);
    assertThat(specs.unit("validate_drp.PA2")).isEqualTo("mmag");
    MetricDefinition pa1 = specs.definition("validate_drp.PA1");
    assertThat(pa1.reference()).isEqualTo("https://ls.st/lpm-17");
    assertThat(pa1.referenceText()).isEqualTo("LPM-17, page 21");
  }
}
