package io.squashinflux.specs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.squashinflux.testing.SharedSamples;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real verify_metrics package (in ../shared, never copied): every file resolves, and what
 * lsst.verify's rules give for specifications of each inheritance form.
 */
class RealVerifyMetricsTest {
  private static final JsonMapper JSON = new JsonMapper();
  private static Map<String, JsonNode> specs;
  private static Map<String, JsonNode> metrics;

  @BeforeAll
  static void resolve() {
    Checkout checkout = Checkout.at(SharedSamples.verifyMetrics());
    specs = new HashMap<>();
    checkout.specs().get("specs").forEach(s -> specs.put(s.get("name").asText(), s));
    metrics = new HashMap<>();
    checkout.metrics().get("metrics").forEach(m -> metrics.put(m.get("name").asText(), m));
  }

  @Test
  void everySpecificationResolvesWithTheCountsLsstVerifyGives() {
    Map<String, Integer> perPackage = new TreeMap<>();
    Map<String, Integer> perOperator = new TreeMap<>();
    int queried = 0;
    for (JsonNode s : specs.values()) {
      perPackage.merge(s.get("name").asText().split("\\.")[0], 1, Integer::sum);
      perOperator.merge(s.get("threshold").get("operator").asText(), 1, Integer::sum);
      queried += s.get("metadata_query").isEmpty() ? 0 : 1;
    }
    assertThat(specs).hasSize(1705);
    assertThat(perPackage).isEqualTo(Map.of("validate_drp", 1684, "pipe_analysis", 15, "jointcal", 6));
    assertThat(perOperator).isEqualTo(Map.of("<=", 1701, "==", 3, ">=", 1));
    assertThat(queried).isEqualTo(1434);
  }

  private static void assertSpec(String name, double value, String unit, String operator,
      String query, String tags) throws Exception {
    JsonNode spec = specs.get(name);
    assertThat(spec).as(name).isNotNull();
    assertThat(spec.get("type").asText()).isEqualTo("threshold");
    assertThat(spec.get("threshold").get("value").asDouble()).as(name).isEqualTo(value);
    assertThat(spec.get("threshold").get("unit").asText()).as(name).isEqualTo(unit);
    assertThat(spec.get("threshold").get("operator").asText()).as(name).isEqualTo(operator);
    assertThat(spec.get("metadata_query")).as(name).isEqualTo(JSON.readTree(query));
    assertThat(spec.get("tags")).as(name).isEqualTo(JSON.readTree(tags));
  }

  private static final String HSC_G = "{\"instrument\": \"HSC\", \"dataset_repo_url\":"
      + " \"https://github.com/lsst/validation_data_hsc.git\", \"dataset_name\":"
      + " \"validation_data_hsc\", \"filter_name\": \"HSC-G\"}";
  private static final String CFHT = "\"instrument\": \"CFHT\", \"dataset_repo_url\":"
      + " \"https://github.com/lsst/validation_data_cfht.git\", \"dataset_name\":"
      + " \"validation_data_cfht\", \"visits\": [849375, 850587], \"ccds\": [12, 13, 14, 21, 22, 23]";

  @Test
  void aPlainPartialGivesMetricUnitOperatorAndTags() throws Exception {
    assertSpec("validate_drp.PA1.design_gri", 5.0, "mmag", "<=", "{}", "[\"PA1\", \"chromatic\", \"design\"]");
    assertSpec("validate_drp.PA1.stretch_uzy", 4.5, "mmag", "<=", "{}", "[\"PA1\", \"chromatic\", \"stretch\"]");
    assertSpec("validate_drp.PA2_design_gri.srd", 15.0, "mmag", "<=", "{}", "[\"PA2\", \"chromatic\", \"design\"]");
    assertSpec("jointcal.astrometry_final_chi2.maximum", 5.0, "", "<=", "{}", "[]");
  }

  @Test
  void aSpecificationAndACrossFilePartialMakeADatasetAndFilterSpecificOne() throws Exception {
    assertSpec("validate_drp.PA1.hsc_design_g", 5.0, "mmag", "<=", HSC_G, "[\"PA1\", \"chromatic\", \"design\"]");
    assertSpec("validate_drp.PA2_design_gri.hsc_g", 15.0, "mmag", "<=", HSC_G, "[\"PA2\", \"chromatic\", \"design\"]");
    assertSpec("validate_drp.PA2_design_gri.cfht_g_FY17", 22.5, "mmag", "<=",
        "{" + CFHT + ", \"filter_name\": \"g\"}", "[\"chromatic\", \"release\"]");
    assertSpec("validate_drp.AD1_stretch.cfht_FY17", 20.0, "marcsec", "<=", "{" + CFHT + "}",
        "[\"achromatic\", \"release\"]");
    assertSpec("validate_drp.AM1.decam_design", 10.0, "milliarcsecond", "<=",
        "{\"instrument\": \"DECAM\", \"dataset_repo_url\": \"https://github.com/lsst/validation_data_decam.git\","
            + " \"dataset_name\": \"validation_data_decam\"}", "[\"AM1\", \"achromatic\", \"design\"]");
  }

  @Test
  void aListOfPartialsMergesInOrderAndATextTagReplacesTheList() throws Exception {
    // base: [#rhoStatistics_smallScale-base, #rhoStatistics_HSM, #allStars]: the last one's
    // `tags: "allStars"` is a scalar, which replaces the accumulated list.
    assertSpec("pipe_analysis.rhoStatistics0_HSM_smallScale_allStars.HSM_smallScale_allStars",
        1e-5, "", "<=", "{\"shapeAlgorithm\": \"HSM\", \"catalog\": \"allStars\"}", "[\"allStars\"]");
    // base: ["#base", "astrometry_ndof#astrometry_ndof-base"]: the metric comes from the partial
    // of another file; provenance_query is not part of a specification.
    assertSpec("jointcal.astrometry_final_ndof.hsc_11_visits", 14262, "", "==", "{}", "[]");
    assertSpec("pipe_analysis.skyObjectMean_ap09Flux.lower", -25.0, "nanojansky", ">=", "{}", "[\"lower\"]");
  }

  @Test
  void anchorMergedMetricDefinitionsKeepTheAnchorsFields() {
    JsonNode dia = metrics.get("ap_association.DiaPipelineTime");
    assertThat(dia.get("unit").asText()).isEqualTo("s");
    assertThat(dia.get("description").asText()).isEqualTo("Wall-clock time elapsed in DiaPipelineTask.");
    assertThat(dia.get("reference").get("url").asText()).startsWith("https://confluence.lsstcorp.org/");
    assertThat(dia.get("tags")).hasSize(4);
    JsonNode cpu = metrics.get("ap_association.DiaPipelineCpuTime");
    assertThat(cpu.get("reference").get("url").asText()) // <<: *ApMetrics inside a reference
        .isEqualTo(dia.get("reference").get("url").asText());
    assertThat(metrics.get("validate_drp.PA1").get("unit").asText()).isEqualTo("mmag");
  }
}
