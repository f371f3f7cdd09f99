package io.squashinflux.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The format checks name what they find missing, so a passing check means something. */
class FormatsTest {
  private static final Board BOARD = new Board("squash", null, "validate_drp", "notebook",
      "dataset", "filter_name", List.of("hsc", "cfht"), List.of("g", "r"),
      List.of(new Panel("validate_drp.PA1", "validate_drp.PA1", "mmag",
          List.of(new Threshold("minimum", 8.0, "<=", true), new Threshold("design", 5.0, "<=", true))),
          new Panel("validate_drp.AM1", "validate_drp.AM1", "marcsec", List.of())));

  @Test
  void chronografCheckNamesAMissingSizeQueryAndTemplate() {
    ObjectNode file = ChronografJson.export(BOARD);
    assertThat(Formats.chronograf(file)).isEmpty();
    ObjectNode cell = (ObjectNode) file.path("dashboard").path("cells").get(1);
    cell.remove("w");
    ((ObjectNode) cell.path("queries").get(0)).put("query", "SELECT 1 WHERE x = :nowhere:");
    ((com.fasterxml.jackson.databind.node.ArrayNode) file.path("dashboard").path("templates")).remove(1);
    assertThat(Formats.chronograf(file)).contains("dashboard.cells[1].w",
        "dashboard.cells[1]: x, w within the 12-column grid and w, h >= 1",
        "dashboard.cells[1].queries[0]: template :nowhere: (used, not defined)");
    ObjectNode stat = (ObjectNode) file.path("dashboard").path("cells").get(1);
    assertThat(stat.path("type").asText()).isEqualTo("single-stat");
    ((ObjectNode) stat.path("colors").get(0)).put("id", "first");
    assertThat(Formats.chronograf(file))
        .contains("dashboard.cells[1].colors: all text or all background, one with id base");
    assertThat(Formats.chronograf(ChronografJson.export(BOARD).without("dashboard")))
        .containsExactly("dashboard (an object)");
  }

  @Test
  void grafanaCheckNamesAMissingUidGridAndRefId() {
    ObjectNode d = GrafanaJson.dashboard(BOARD);
    assertThat(Formats.grafana(d)).isEmpty();
    d.remove("uid");
    d.put("schemaVersion", 27);
    ObjectNode panel = (ObjectNode) d.path("panels").get(0);
    ((ObjectNode) panel.path("gridPos")).put("x", 20);
    ((ObjectNode) panel.path("targets").get(0)).remove("refId");
    assertThat(Formats.grafana(d)).containsExactlyInAnyOrder("uid", "schemaVersion >= 36 (found 27)",
        "panels[0].gridPos: x + w within the 24-column grid", "panels[0].targets[0].refId");
  }
}
